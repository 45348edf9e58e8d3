/**
 * Every user-facing message of specreplay, in one module (as Vega-Lite's log/message.ts).
 * Library code builds errors and warnings from these functions; only the CLI prints them.
 */

export interface MessageLocation {
  readonly line?: number;
  readonly record?: string;
  readonly field?: string;
}

/** `file:line: record R: field 'f': ` — the prefix of every located message. */
export function formatLocation(file: string, loc: MessageLocation): string {
  let s = file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  s += ': ';
  if (loc.record !== undefined) s += `record ${loc.record}: `;
  if (loc.field !== undefined) s += `field '${loc.field}': `;
  return s;
}

const list = (xs: readonly string[]): string => xs.join(', ');

export const messages = {
  // ---- files and formats
  cannotRead: (file: string, why: string) => `${file}: cannot read: ${why}`,
  notArrow: (file: string, why: string) => `${file}: not an Arrow IPC file (${why})`,
  badMetadata: (file: string, key: string, path: string, why: string) => `${file}: schema metadata '${key}'${path === '' ? '' : `, field '${path}'`}: ${why}`,
  corruptArrow: (file: string, why: string) => `${file}: a damaged trace file (${why}); ingest the source again`,
  checksumMismatch: (file: string) => `${file}: the content does not match the checksum stored when it was written (the file was damaged or edited); ingest the source again`,
  notTrace: (file: string) => `${file}: an Arrow file, but not a specreplay trace (no specreplay.schema_version in the schema metadata)`,
  schemaVersion: (file: string, got: string, want: number) =>
    `${file}: trace schema version ${got}; this specreplay reads version ${want}`,
  missingArrowColumn: (file: string, name: string) => `${file}: trace file lacks column '${name}'`,
  unknownFormat: (format: string, known: readonly string[]) => `unknown format '${format}'; formats: ${list(known)}`,
  cannotSniff: (why: string, known: readonly string[]) => `cannot tell the format (${why}); name it with --format (${list(known)})`,
  notATrace: (what: string) => `not a trace: ${what}`,
  emptyFile: 'the file is empty',
  noSuchFile: 'no such file',
  isDirectory: 'is a directory; pass a trace file',
  notRegularInput: 'not a regular file (a FIFO, socket or device); pass a trace file',

  // ---- values
  notJson: (why: string) => `not valid JSON (${why})`,
  nanValue: (token: string) => `bare ${token} (not valid JSON)`,
  nanRepair: 'read as null (unknown)',
  nanRequired: (token: string) => `bare ${token} where a number is required`,
  nulBytes: (column: number) => `NUL bytes from column ${column}: the file was truncated while being written`,
  nulRepair: 'the partial record at the end was dropped; every complete record before it was kept',
  nulInside: (column: number) => `NUL byte at column ${column} with data after it (not just a truncated tail)`,
  missingField: 'missing',
  wrongType: (want: string, got: unknown) => `expected ${want}, got ${describeValue(got)}`,
  notInteger: (got: unknown) => `expected a whole number, got ${describeValue(got)}`,
  negative: (got: number) => `expected a value >= 0, got ${got}`,
  outOfRange: (got: number, lo: number, hi: number) => `expected a value in [${lo}, ${hi}], got ${got}`,
  int32Range: (got: unknown) => `expected a whole number in [-2147483648, 2147483647] (a 32-bit column), got ${typeof got === 'string' ? got : String(got)}`,
  overLimit: (got: number, limit: number, what: string) => `${got} is over the limit of ${limit} ${what} (README "Bad input")`,
  notFinite: (got: number) => `expected a finite number, got ${got}`,
  stepsOverTokens: (steps: number, tokens: number) => `${steps} steps for ${tokens} output tokens: every step commits at least one token`,
  tokensOverSteps: (tokens: number, steps: number, limit: number) => `${tokens} output tokens in ${steps} steps is more than ${limit} tokens per step`,
  committedOverDrafted: (committed: number, drafted: number) => `committed ${committed} > drafted ${drafted} + 1 (a step commits at most its draft and one bonus token)`,
  schemaVersionField: (got: unknown, want: number) => `schema version ${String(got)}; this specreplay reads version ${want}`,
  lengthMismatch: (what: string, got: number, want: number, other: string) =>
    `${what} has ${got} entries but ${other} says ${want}`,

  // ---- CSV
  missingColumn: (name: string, required: readonly string[]) =>
    `missing required column '${name}' (required: ${list(required)})`,
  unknownColumn: (name: string, known: readonly string[]) => `unknown column '${name}' (known: ${list(known)})`,
  duplicateColumn: (name: string) => `column '${name}' appears twice in the header`,
  csvSyntax: (why: string) => `CSV syntax error: ${why}`,
  lineTooLong: (limit: number) => `the line is longer than ${limit / (1024 * 1024)} MiB (the limit; README "Bad input"): not a trace of a supported format`,

  // ---- records
  duplicateId: (id: string, firstLine: number) => `duplicated id '${id}' (first seen on line ${firstLine})`,
  duplicateRepair: 'kept the first record with this id and dropped this one',
  errorTurn: (turn: number, text: string) => `turn ${turn} is ${JSON.stringify(text)}: the generation failed`,
  errorTurnRepair: 'the turn is kept with status "error" and no steps; replay skips it',
  emptyRun: 'the record has no turns (a failed run)',
  emptyRunRepair: 'the record was skipped',
  emptySteps: (tokens: number) => `the per-step list is empty although ${tokens} tokens were generated`,
  emptyStepsRepair: 'the turn is kept with status "error" (no usable steps); replay skips it',
  turnSum: (turn: number, sum: number, tokens: number, offset: number) =>
    `turn ${turn}: per-step committed tokens sum to ${sum}, but new_tokens is ${tokens}` +
    (offset === 0 ? '' : ` (expected new_tokens - ${offset} for this format)`),
  stepCount: (got: number, want: number) => `the per-step list has ${got} entries but the turns' step counts add up to ${want}`,
  zeroCommit: (value: number) => `a step commits ${value} tokens; only REST-style traces may commit 0`,
  modelMismatch: (modelId: string, fileName: string) =>
    `model_id '${modelId}' names a different model or method than the file name '${fileName}'`,
  modelMismatchRepair: 'the model and method are taken from the file name; pass --target/--method to override',

  // ---- trace invariants
  stepNumbering: (request: string, got: number, want: number) => `request '${request}': step ${got} where step ${want} was expected (steps are numbered 0..n-1 in order)`,
  acceptedOverDrafted: (accepted: number, drafted: number) => `accepted ${accepted} > drafted ${drafted}`,
  committedVsAccepted: (committed: number, accepted: number) =>
    `committed ${committed} != accepted ${accepted} + 1 (only a request's last step may commit fewer, at EOS or the length limit)`,
  requestTokenSum: (request: string, sum: number, uncounted: number, output: number) =>
    `request '${request}': steps commit ${sum} tokens + ${uncounted} uncounted != output_tokens ${output}`,
  requestNotGrouped: (request: string) => `rows of request '${request}' are not contiguous (group each request's rows together, in order)`,
  unknownRequest: (request: string) => `request '${request}' has nodes but no steps`,
  nodeNumbering: (got: number, want: number) => `node ${got} where node ${want} was expected (nodes are numbered 0..n-1 per step, root first)`,
  rootParent: (parent: number) => `the root (node 0) must have parent -1, got ${parent}`,
  parentOrder: (node: number, parent: number) =>
    `node ${node} has parent ${parent}: a parent must precede its children (this also rules out cycles)`,
  depthMismatch: (node: number, depth: number, want: number) => `node ${node} has depth ${depth}, expected parent depth + 1 = ${want}`,
  acceptedNotPath: (node: number, parent: number) =>
    `accepted node ${node} has parent ${parent} that is not accepted: the accepted nodes must form one path from the root`,
  acceptedBranch: (parent: number) => `node ${parent} has more than one accepted child: the accepted nodes must form one path`,
  acceptedCount: (nodes: number, accepted: number) => `${nodes} accepted nodes (excluding the root) but accepted_tokens is ${accepted}`,
  draftCount: (nodes: number, drafted: number) => `${nodes} drafted nodes (excluding the root) but draft_tokens is ${drafted}`,
  treeTooDeep: (accepted: number, depth: number, tree: string) =>
    `accepted ${accepted} tokens but tree '${tree}' is only ${depth} deep`,
  unknownTree: (id: string, known: readonly string[]) => `unknown tree template '${id}' (known: ${list(known)})`,
  treeMissingPath: (path: string) => `path ${path} has no parent path in the tree (every prefix of a path must be in the tree)`,
  treeDuplicatePath: (path: string) => `path ${path} appears twice`,
  growmapMismatch: (what: string) => `inconsistent growmap: ${what}`,
  probabilityRange: (p: number) => `probability ${p} is outside [0, 1]`,
  probabilitySum: (sum: number) => `probabilities sum to ${sum.toFixed(4)}, not 1`,
  probabilitySumRepair: 'kept as recorded (not renormalized)',
  failedRun: (name: string, state: string) => `run '${name}' has State '${state}'`,
  failedRunRepair: 'kept; its accuracies come from a run that did not finish',
  oracleLength: (entries: number, generated: number) =>
    `the oracle has ${entries} entries for ${generated} generated tokens`,
  oracleShortRepair: 'positions past the oracle are unknown (replay imputes or refuses there)',
  oracleLongRepair: 'kept; positions past the output are never reached by a replay (the oracle may come from a longer generation)',
  signalLength: (what: string, got: number, drafted: number) => `${what} has ${got} values for ${drafted} drafted tokens`,
  signalLengthRepair: 'the per-node signals of this step were dropped; draft and accepted counts kept',

  // ---- replay
  unknownTimelineRequest: (id: string, examples: readonly string[]) => `--timeline ${id}: no request with this id in the trace (ids look like ${list(examples)}; or 'all')`,

  // ---- sweeps
  sweepNotJson: (file: string, why: string) => `${file}: not JSON (${why})`,
  sweepNotObject: (file: string, fields: readonly string[]) => `${file}: expected a JSON object with the fields ${list(fields)}`,
  sweepUnknownField: (file: string, field: string, fields: readonly string[]) => `${file}: unknown field '${field}'; fields: ${list(fields)}`,
  sweepField: (file: string, field: string, expected: string, got: unknown) => `${file}: field '${field}': expected ${expected}, got ${JSON.stringify(got)}`,
  sweepRepeats: (file: string, key: string) => `${file}: field 'grid.${key}': values repeat`,
  sweepNoTrace: (file: string, trace: string) => `${file}: field 'trace': no trace file at ${trace}`,
  sweepUnknownPolicy: (file: string, policy: string, known: readonly string[]) => `${file}: field 'policies': unknown policy '${policy}'; policies: ${list(known)}`,
  sweepTaskInvalid: (file: string, task: string, why: string) => `${file}: task ${task}: ${why}`,
  sweepTaskFailed: (task: string, why: string) => `task ${task}: ${why}`,
  sweepNoFile: (file: string) => `${file}: no such sweep file (a JSON file, see README "Sweeps")`,
  sweepTooLarge: (count: number, limit: number) => `the sweep expands to ${count.toLocaleString('en-US')} tasks (platforms x grid values), over the limit of ${limit.toLocaleString('en-US')}; split it into smaller sweeps`,
  sweepRunsRemote: '--runs keeps run directories on the machine that runs each task; with --redis the tasks run on the workers, so --runs is not available',
  notRedisUrl: (url: string) => `--redis ${url}: not a redis URL (expected redis://host:port, optionally redis://:password@host:port/db)`,
  sweepRedisLost: (url: string) => `lost the connection to Redis at ${url} (it did not come back); stopping`,
  sweepRedisUnreachable: (url: string, why: string) => `cannot reach Redis at ${url}: ${why}`,
  sweepReconnect: (got: string) => `--redis-reconnect must be a number of seconds in [0, 86400], got '${got}'`,
  workerStopping: (signal: string) => `sweep-worker: ${signal}: taking no more jobs; stopping once the running ones finish (send it again to stop now)\n`,
  sweepThreads: (got: string) => `--threads must be a whole number >= 1, got '${got}'`,
  sweepWorkers: (got: string) => `--workers must be a whole number >= 1, got '${got}'`,
  sweepRowsNotPrinted: (rows: number, tasks: number, file: string) => `... ${rows} more rows (${tasks} more tasks) in ${file} (and results.arrow; --json prints them all)\n`,

  // ---- configuration
  badKnob: (field: string, allowed: string, got: string) => `field '${field}': expected ${allowed}, got ${JSON.stringify(got)}`,

  modelFileMissing: (file: string) => `${file}: no such model file (a Hugging Face config.json)`,
  modelFileBad: (file: string, field: string, why: string) => `${file}: ${field === '' ? '' : `field '${field}': `}${why}`,

  // Library errors (fields, not flags).
  missingNestedColumn: (name: string) => `missing nested column '${name}'`,
  noEnergyEntry: (table: string, action: string, entries: readonly string[]) => `energy table '${table}' has no entry for action '${action}' (entries: ${entries.join(', ')})`,
  noStaticPower: (table: string, device: string) => `energy table '${table}' has no static power for device '${device}'`,
  platformWholeNumber: (platform: string, field: string, got: unknown) => `platform '${platform}': field '${field}' must be a whole number >= 1, got ${String(got)}`,
  inFile: (file: string, message: string) => `${file}: ${message}`,
  platformLacksDevice: (platform: string, device: string, devices: readonly string[]) => `platform '${platform}' has no ${device}; its devices: ${devices.join(', ')}`,
  noDeviceForOp: (platform: string, op: string) => `platform '${platform}' has no device for op '${op}'`,
  baselineNotInRun: (base: string, policies: readonly string[]) => `baseline '${base}': not in this run; its policies: ${policies.join(', ')}`,
  noSharedRequests: (policy: string, base: string, metric: string) => `${policy} and ${base} share no request with a positive ${metric}`,
  runTableMissing: (file: string) => `${file}: missing; is this a run directory written by specreplay replay?`,
  runTableUnreadable: (file: string, kind: string, why: string) => `${file}: not ${kind} file (${why})`,
  runTableNoColumn: (file: string, column: string) => `${file}: no column '${column}' (expected the replay result schema)`,
  runTableBadColumn: (file: string, column: string, why: string) => `${file}: column '${column}': ${why}`,
  notRunDir: (dir: string, why: string) => `${dir}: not a run directory${why}`,
  unknownTreeField: (field: string, id: string, trees: readonly string[]) => `field '${field}': unknown tree template '${id}'; trees: ${trees.join(', ')}`,
  policyNeedsHardware: (policy: string, needs: string, platform: string, lacks: string, try_: readonly string[]) => `${policy} needs ${needs}; '${platform}' lacks ${lacks} (try ${try_.join(', ')})`,
  lpSpecNeedsMedusa: (draft: string) => `lp-spec drafts with Medusa heads; the trace's draft model is ${draft}: set workload.draft=medusa-vicuna-7b (or another Medusa head set)`,
  specpimNeedsDraft: (method: string) => `specpim drafts with a draft model and the trace's method (${method}) has none; set workload.draft=ID, or specpim.draft_len=0 for autoregressive decoding`,
  noDraftLengths: (who: string, method: string) => `${who}the trace does not record draft lengths (method ${method}); set draft.max_len=K (chains of K tokens, imputed) or draft.tree=ID`,
  ahasdNeedsDraft: () => 'ahasd drafts with a draft model (DLM) on PIM; the trace names none: set workload.draft=ID',
  noBundledTrace: (id: string) => `no bundled trace '${id}' in traces/manifest.json`,
  modelNotInCatalog: (what: string, id: string, models: readonly string[]) => `the ${what} model '${id}' is not in the model catalog; set workload.${what}=ID (models: ${models.join(', ')}) or a Hugging Face config.json`,
  noTargetModel: (models: readonly string[]) => `the trace names no target model; set workload.target=ID (models: ${models.join(', ')}) or a Hugging Face config.json`,
  noDraftHead: (family: string, target: string) => `no ${family} draft head for '${target}' in the catalog; set workload.draft=ID`,
  noDraftModel: (method: string, models: readonly string[]) => `the trace names no draft model (method '${method}'); set workload.draft=ID (models: ${models.join(', ')}) or workload.draft=none`,
  recipeField: (file: string, field: string, expected: string, got: string) => `${file}: field '${field}': expected ${expected}, got ${got}`,
  fileNotJson: (file: string, why: string) => `${file}: not JSON (${why})`,
  unknownRecipe: (id: string, recipes: readonly string[]) => `unknown figure recipe '${id}'; recipes: ${recipes.join(', ')}`,
  traceIsDirectory: (file: string) => `${file}: is a directory; expected a trace file (a .arrow trace or an ingestible source file)`,
  unknownPolicy: (id: string, policies: readonly string[]) => `unknown policy '${id}'; policies: ${policies.join(', ')}`,
  noPolicies: (policies: readonly string[]) => `name at least one policy (${policies.join(', ')})`,
  dramNotPositive: (spec: string, fields: readonly string[]) => `${spec}: ${fields.join(', ')}: must be > 0`,
  dramDensity: (spec: string, gb: number, density: number) => `${spec}: bank groups x banks x rows x columns x DQ = ${gb} Gb, but density_gb is ${density}`,
  dramBurst: (spec: string, beats: number, mtps: number, tCK: number) => `${spec}: burst of ${beats} beats is not a whole number of CK cycles at ${mtps} MT/s and tCK ${tCK} ns`,
  dramTooEarly: (cmd: string, bank: number, cycle: number, earliest: number) => `${cmd} to bank ${bank} at cycle ${cycle}: earliest ${earliest}`,
  dramRowOpen: (bank: number, row: number) => `ACT to bank ${bank} with row ${row} open`,
  dramNoOpenRow: (bank: number) => `RD to bank ${bank} with no open row`,
  dramRefreshRowOpen: () => 'REFab with a row open',
  kernelNeedsTwl: (dram: string) => `the samsung-gemv kernel needs the DRAM's write latency (dram.timing.tWL), which '${dram}' does not state`,
  xbarNotProjection: (kind: string, op: string) => `crossbars run weight projections, not ${kind} op '${op}'`,
  xbarCapacity: (op: string, needs: number, xbar: string, has: number) => `op '${op}' needs ${needs} crossbars; ${xbar} has ${has}`,
  unknownModel: (id: string, models: readonly string[]) => `unknown model '${id}'; models: ${models.join(', ')}`,

  // CLI usage.
  showNeedsPlatforms: () => '--show works with: list platforms --show ID',
  flagChoice: (flag: string, choices: readonly string[], got: string) => `--${flag} must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, not '${got}'`,
  configExcludes: () => '--config replays a run as it was: leave out --platform, --policy and --set',
  replayNeedsPlatform: () => 'name a --platform and at least one --policy (or --config RUN/config.json)',
  unknownPaper: (id: string, ids: readonly string[]) => `unknown paper '${id}'; choose from ${ids.join(', ')}`,
  flagWholeNumber: (flag: string, min: number, max: number, got: string) => `--${flag} must be a whole number in [${min}, ${max}], got '${got}'`,
  flagOneOf: (flag: string, allowed: readonly string[], got: string) => `--${flag} must be one of ${allowed.join(', ')}, got '${got}'`,
  unknownDramPresetFlag: (id: string, presets: readonly string[]) => `unknown DRAM preset '${id}'; presets: ${presets.join(', ')}`,
  draftPhaseNeedsModel: () => '--phase draft needs --draft MODEL',

  // Notes beside results.
  noteNoDraftModel: (method: string) => `${method} drafts without a draft model (retrieval / n-gram lookup): no draft compute is charged`,
  noteEagle3Head: () => 'EAGLE-3 drafting costed with the EAGLE-1 head shape (one decoder layer)',
  noteTreeVerified: (tree: string, nodes: number) => `every step verifies tree ${tree} (${nodes} drafted nodes); which path was accepted is not recorded`,
  noteDroppedSignals: (steps: number) => `${steps} steps had ent/margin lists not matching ndraft; their per-node signals were dropped`,
  noteSampling: (temperature: number) => `the trace was recorded with sampling (temperature ${temperature}); replay assumes acceptance is a property of the output positions, as under greedy decoding`,
  noteNoPromptLengths: (tokens: number) => `the trace does not record prompt lengths: contexts start at workload.prompt_tokens = ${tokens}`,

  // Platforms: presets, files, overrides.
  unknownPlatform: (id: string, ids: readonly string[]) => `unknown platform '${id}'; platforms: ${ids.join(', ')} (or a platform file, *.json)`,
  unknownDramPreset: (platform: string, preset: string, presets: readonly string[]) => `platform '${platform}': unknown DRAM preset '${preset}' (presets: ${presets.join(', ')}); or give dram.org and dram.timing in full`,
  unknownEnergyTable: (platform: string, table: string, tables: readonly string[]) => `platform '${platform}': unknown energy table '${table}' (tables: ${tables.join(', ')}); or give energy_table in full`,
  badPlatformChoice: (key: string, value: string, what: string, choices: readonly string[]) => `field '${key}': unknown ${what} ${JSON.stringify(value)}; expected one of ${choices.join(', ')}`,
  expectedKeyValue: (text: string) => `'${text}': expected key=value`,
  unknownConfigKey: (key: string, keys: readonly string[]) => `field '${key}': no such field; fields: ${keys.join(', ')}`,
  unknownPlatformKey: (key: string, platform: string, keys: readonly string[]) => `field '${key}': platform '${platform}' has no such field; fields: ${keys.join(', ')}`,
  pimChannelsExceed: (platform: string, pim: number, dram: number) => `platform '${platform}': pim.channels (${pim}) cannot exceed dram.channels (${dram}): its PIM units sit in the DRAM channels`,
  platformFileMissing: (file: string) => `${file}: no such platform file`,
  noOpenFields: (platform: string) => `platform '${platform}' declares no open fields (nothing its sources leave open): a sensitivity analysis needs some; a platform file can declare them under "open"`,
  notOpenField: (field: string, open: readonly string[]) => `field '${field}' is not an open field of this platform; its open fields: ${open.join(', ')}`,
  sensitivityNeedsTwo: () => 'a sensitivity analysis compares two different policies (A against B)',
  sensitivityPolicies: (n: number) => `name two policies with --policy (A, then B); got ${n}`,
  openFieldUnknown: (field: string, value: string) => `field '${field}': '${value}' is not a field of this platform`,
  openFieldNotNumber: (field: string, value: string) => `field '${field}': '${value}' is not a numeric field (only numbers can be open)`,
  openFieldNoReadings: (field: string) => `field '${field}': an open field needs at least one reading (name, value, source)`,
  platformFileJson: (file: string, line: number, why: string) => `${file}:${line}: not valid JSON (${why})`,
  platformFileField: (file: string, field: string, why: string) => `${file}: field '${field}': ${why}`,
  platformFileUnknownField: (file: string, field: string, allowed: readonly string[]) => `${file}: field '${field}': no such field; fields here: ${allowed.join(', ')}`,
  platformFileMissingField: (file: string, field: string, expected: string) => `${file}: field '${field}': missing (expected ${expected})`,
  platformFileWrongType: (file: string, field: string, expected: string, got: unknown) => `${file}: field '${field}': expected ${expected}, got ${describeValue(got)}`,
  configFileBad: (file: string, field: string, why: string) => `${file}: ${field === '' ? '' : `field '${field}': `}${why} (a run's config.json, as replay writes it)`,

  // ---- statistics
  intervalMeaning:
    'What the intervals mean: the replay is deterministic, so a 95% CI here covers request-to-request variation of one configuration ' +
    '(which requests the trace holds), not uncertainty in the hardware or the models; a p-value of 1e-15 on 80 requests says the ' +
    'effect is consistent across requests, not that it is large. Read the ratio and its CI first; the p-values and d_z only say how ' +
    'consistent the sign is.',

  // ---- outputs (the overwrite rule, README "Bad input")
  emptyOutputPath: 'the output path is empty; name a file or folder',
  outputHoldsInput: (target: string, input: string) => `${target}: refusing to write here: the folder holds the input ${input}`,
  outputIsInput: (target: string) => `${target}: refusing to write the output over its own input`,
  outputNotFolder: (target: string) => `${target}: a file is there, not a folder; choose another output (or --force to replace the file)`,
  outputOtherKind: (target: string, was: string, kind: string) =>
    `${target}: holds a specreplay ${was} output, not a ${kind} output; choose another folder (or --force to add the ${kind} files beside it)`,
  outputForeignFolder: (target: string, kind: string, shown: string) =>
    `${target}: a folder that is not a previous specreplay ${kind} output (it holds ${shown}); choose a new or empty folder ` +
    `(--force adds the files beside what is there and deletes nothing else)`,
  outputIsFolder: (target: string) => `${target}: is a folder; name the output file`,
  outputNotRegular: (target: string) => `${target}: not a regular file (a FIFO, socket or device); name an ordinary file`,
  outputForeignFile: (target: string, want: string) => `${target}: exists and is not ${want}; choose another name (or --force to replace it)`,
  fsRefusal: (code: string, file: string, syscall: string) => `${file}: ${FS_WORDS[code] ?? code} (while trying to ${syscall})`,
  interrupted: (signal: string) => `interrupted (${signal}); partial outputs removed, nothing a previous run wrote was changed`,

  // ---- CLI
  usage: (why: string) => `usage: ${why}`,
  unknownListTopic: (topic: string, known: readonly string[]) => `unknown list '${topic}'; choose one of: ${list(known)}`,
} as const;

const FS_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EEXIST: 'already exists',
  EISDIR: 'is a folder where a file was expected',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
