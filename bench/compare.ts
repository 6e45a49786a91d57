/**
 * Compares two benchmark records task by task. Two tests are applied: to the means (a change
 * when the two 95 % confidence intervals of the mean do not overlap), and to the ratios to the
 * reference basket, which cancel much of a machine's speed and load. A change is called only
 * when both agree: a task slower by its time but not by its ratio ran on a slower (or busier)
 * machine, not slower code. Ratios to a reference of another name are in other units and are
 * not compared, so nothing is called.
 */
import type { BenchRecord, BenchTaskRecord } from './record.js';

/** What changed between a baseline and a current run of one task. */
export type Verdict = 'regression' | 'improvement' | 'no change';

/** One task present in both records. */
export interface TaskComparison {
  readonly name: string;
  /** Baseline and current mean, milliseconds. */
  readonly baselineMean: number;
  readonly currentMean: number;
  /** current mean / baseline mean (above 1: slower). */
  readonly ratio: number;
  /** The change called: the time and reference verdicts when they agree, else 'no change'. */
  readonly verdict: Verdict;
  /** From the intervals of the means. */
  readonly timeVerdict: Verdict;
  /**
   * current ratio-to-reference / baseline ratio-to-reference (above 1: slower than the
   * machine); NaN when the two records have references of different names.
   */
  readonly referenceRatio: number;
  /** From the intervals of the ratios to the reference ('no change' when not comparable). */
  readonly referenceVerdict: Verdict;
}

/** The comparison of two records. */
export interface BenchComparison {
  /** Tasks in both records, in the current record's order. */
  readonly tasks: readonly TaskComparison[];
  /** Task names only in the baseline (not run now: filtered out or removed). */
  readonly onlyInBaseline: readonly string[];
  /** Task names only in the current run (new tasks). */
  readonly onlyInCurrent: readonly string[];
}

/** An estimate and the half-width of its confidence interval. */
interface Interval {
  readonly value: number;
  readonly halfWidth: number;
}

/**
 * 'regression' when the current interval lies wholly above the baseline's, 'improvement' when
 * wholly below, else 'no change' (intervals that touch or overlap do not separate).
 */
export function intervalVerdict(baseline: Interval, current: Interval): Verdict {
  if (current.value - current.halfWidth > baseline.value + baseline.halfWidth) return 'regression';
  if (current.value + current.halfWidth < baseline.value - baseline.halfWidth) return 'improvement';
  return 'no change';
}

/** The change called from a time verdict and a reference-ratio verdict: only when they agree. */
export function agreedVerdict(time: Verdict, reference: Verdict): Verdict {
  return time === reference ? time : 'no change';
}

function meanInterval(task: BenchTaskRecord): Interval {
  return { value: task.mean, halfWidth: task.moe };
}

function ratioInterval(task: BenchTaskRecord): Interval {
  return {
    value: task.referenceRatio,
    halfWidth: (task.referenceRatio * task.referenceRatioRme) / 100,
  };
}

/**
 * Compares `current` with `baseline`, matching tasks by name. Pure: reads only its arguments.
 * @param baseline - the saved record
 * @param current - the new record
 */
export function compareBenchmarks(baseline: BenchRecord, current: BenchRecord): BenchComparison {
  const base = new Map(baseline.tasks.map((t) => [t.name, t]));
  const sameReference = baseline.reference === current.reference;
  const tasks: TaskComparison[] = [];
  const onlyInCurrent: string[] = [];
  for (const now of current.tasks) {
    const before = base.get(now.name);
    if (!before) {
      onlyInCurrent.push(now.name);
      continue;
    }
    const timeVerdict = intervalVerdict(meanInterval(before), meanInterval(now));
    const referenceVerdict = sameReference
      ? intervalVerdict(ratioInterval(before), ratioInterval(now))
      : 'no change';
    tasks.push({
      name: now.name,
      baselineMean: before.mean,
      currentMean: now.mean,
      ratio: now.mean / before.mean,
      verdict: sameReference ? agreedVerdict(timeVerdict, referenceVerdict) : 'no change',
      timeVerdict,
      referenceRatio: sameReference ? now.referenceRatio / before.referenceRatio : NaN,
      referenceVerdict,
    });
  }
  const seen = new Set(current.tasks.map((t) => t.name));
  const onlyInBaseline = baseline.tasks.map((t) => t.name).filter((name) => !seen.has(name));
  return { tasks, onlyInBaseline, onlyInCurrent };
}
