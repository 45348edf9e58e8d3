/**
 * The library's public entry (package.json "main"/"exports"): ingest and trace I/O, replay,
 * hardware models, statistics, charts and figures, the paper reproductions. The CLI is a thin
 * layer over these; notebooks import them from here.
 */
// First: this process uses apache-arrow's ES modules (a program's own tables pass in and out).
import './schema/arrow-modules.js';
export { ingestFile, ingestText } from './ingest/ingest.js';
export { readTraceFile, writeTraceFile } from './trace/arrow-io.js';
export type { Trace } from './trace/trace.js';
export { inspectTrace } from './inspect/inspect.js';
export { replay, type ReplayOptions, type ReplayResult, type PolicySummary } from './replay/replay.js';
export { replayToRunDir, writeRunDir } from './replay/run-dir.js';
export { modelFromHfConfig } from './workload/hf-config.js';
export { traceToParquet } from './trace/to-parquet.js';
export { parquetToTable, tableToParquet } from './schema/parquet.js';
export { checkKnob, parseKnob, platformKnob, PLATFORM_KNOBS, REPLAY_KNOBS, type Knob } from './config/knobs.js';
export { claimOutputDir, claimOutputFile, type OutputOptions } from './util/output-guard.js';
export { POLICY_IDS, policies, policyParams } from './policy/registry.js';
export { PLATFORMS, configurePlatform, expandPlatform, platformOf, resolvePlatform, type Platform, type PlatformConfig } from './platform/platforms.js';
export { loadPlatformFile, platformFileText } from './platform/platform-file.js';
export { readRunConfig, type RunConfig } from './replay/run-config.js';
export { Pricer } from './energy/pricer.js';
export { sensitivity, type SensitivityOptions, type SensitivityResult } from './sensitivity/analysis.js';
export { writeSensitivity } from './sensitivity/write.js';
export { sobol, sobolIndices, saltelliDesign } from './sensitivity/sobol.js';
export { morris, morrisDesign, morrisIndices } from './sensitivity/morris.js';
export { firstRequests } from './trace/subset.js';
export { OPEN_FIELDS, type OpenField } from './platform/open-fields.js';
export { headline, type Headline } from './stats/headline.js';
export { opCost, stepBreakdown } from './platform/cost.js';
export { MODELS, getModel } from './workload/models.js';
export { cell, float64, int32, utf8, bool, rowObject, type ColumnTable } from './schema/columns.js';
export { METRICS } from './stats/metrics.js';
export { summarizePolicies, type PolicyStats } from './stats/summary.js';
export { comparePaired, type PairedComparison } from './stats/paired.js';
export { comparePolicies, type ComparisonRow } from './stats/compare.js';
export { bootstrapGeomean, geomean } from './stats/bootstrap.js';
export { compareRunDir } from './stats/write.js';
export { readRunDir } from './stats/run-tables.js';
export { chart, type ChartSpec } from './report/charts/spec.js';
export { ratioBars } from './report/charts/ratio-bars.js';
export { sensitivityLines } from './report/charts/sensitivity.js';
export { compileChart, renderSvg, svgToPng } from './report/render.js';
export { writeRunReport } from './report/report.js';
export { buildFigures } from './figures/figures.js';
export { loadRecipes } from './figures/recipe.js';
export { REPRODUCTIONS } from './reproduce/index.js';
export { runSweep, runSweepFile, sweepCharts, type SweepOptions, type SweepResult } from './sweep/sweep.js';
export { parseSweep, expandTasks, type SweepSpec, type SweepTask } from './sweep/spec.js';
export type { SweepRow } from './sweep/task.js';
export { loadAnyTrace } from './ingest/open-trace.js';
export { bootstrapRatiosOfSums } from './stats/bootstrap.js';
export { rateIntervals } from './stats/intervals.js';
