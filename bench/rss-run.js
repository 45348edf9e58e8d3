// Runs one `specreplay` command in this process and prints its wall time and peak RSS as JSON
// (the benchmark's replay-memory figure: process.resourceUsage().maxRSS is the whole process's).
import { main } from '../dist/cli/main.js';

const t0 = performance.now();
const io = { interactive: false, out: () => undefined, err: (s) => process.stderr.write(s) };
const code = await main(process.argv.slice(2), io);
process.stdout.write(JSON.stringify({ code, wall_ms: performance.now() - t0, max_rss_bytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
