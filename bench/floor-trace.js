// Writes the replay benchmark's generated trace (chain-trace.js) to an Arrow file.
import { writeTraceFile } from '../dist/trace/arrow-io.js';
import { chainTrace } from './chain-trace.js';

const [file, requests, stepsPerRequest] = [process.argv[2], Number(process.argv[3] ?? 2000), Number(process.argv[4] ?? 500)];
await writeTraceFile(file, chainTrace(requests, stepsPerRequest));
