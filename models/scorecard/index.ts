/** The scorecard: national benchmarks, comparison with England the Fingertips way, peers. */
export { benchmarkValue, summariseAreas, upperQuartileOf } from './benchmarks.js';
export type { BenchmarkKey, Benchmarks, MetricBenchmarks } from './benchmarks.js';
export {
  benchmarkKeyOf,
  benchmarkScenario,
  benchmarksFromSummaries,
  buildBenchmarks,
} from './build.js';
export { benchmarkFileName, defaultCacheDir, readBenchmarks, writeBenchmarks } from './cache.js';
export {
  compareWithBenchmark,
  describeMark,
  INTERVAL_PROBABILITIES,
  twoLevelMark,
} from './compare.js';
export type { Interval, Mark, Polarity, TwoLevelMark } from './compare.js';
export { outcomeBenchmarks, rankAmong, scorecardLines } from './model.js';
export type { ScorecardLine } from './model.js';
