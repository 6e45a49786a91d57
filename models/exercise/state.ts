/**
 * The exercise state file: what was set up, every round's inputs (events, the replicate drawn as
 * what happened) and its summaries (per area and plan outcome: P(meet), RAG, the fan of the
 * anchored projection; P(shortfall) by year; net cost; the realised values), never every
 * replicate. It carries the wcc version, the data digest and a SHA-256 digest of its canonical
 * content, so a state from other data or another wcc, or one edited by hand, is refused.
 */
import { describeValue, InputError } from '../../engine/errors.js';
import { canonicalJson, sha256 } from '../../engine/io/run-metadata.js';
import type { FanPoint } from '../report/model.js';
import type { Rag } from '../plan/model.js';
import type { ExerciseEvent } from './schema.js';

/** The `format` field of a state file. */
export const STATE_FORMAT = 'wcc-exercise';
/** Version of the state layout. */
export const STATE_VERSION = 1;

/** One area of the exercise: its code, name and scenario as written (events not applied). */
export interface ExerciseArea {
  readonly code: string;
  readonly name: string;
  /** The area's scenario input (plain data, validated by `parseScenario` at each run). */
  readonly scenario: Readonly<Record<string, unknown>>;
}

/** What an exercise is: set up once by init. */
export interface ExerciseSetup {
  readonly name: string;
  /** The region as written (a code or a list of codes). */
  readonly region: string | readonly string[];
  readonly baseYear: number;
  readonly horizon: number;
  readonly replicates: number;
  readonly seed: number;
  readonly areas: readonly ExerciseArea[];
  /** Metrics tied to the realised path, with how each is anchored. */
  readonly anchored: readonly { readonly metric: string; readonly kind: 'level' | 'rate' }[];
}

/** One plan outcome of one area in one round. */
export interface OutcomeRound {
  /** The metric, or the ratio as "numerator / denominator": how areas' outcomes are matched. */
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  readonly target: number;
  readonly year: number;
  readonly pMeet: number;
  readonly rag: Rag;
  /** Mean, 10th and 90th percentiles in the target year. */
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
  /** The baseline's P(meet) (init only, where the plan differs from the baseline). */
  readonly baselinePMeet?: number;
  /** The anchored projection year by year (mean and fan quantiles). */
  readonly fan: readonly FanPoint[];
}

/** One area in one round. */
export interface AreaRound {
  readonly area: string;
  /** Realised value of each anchored metric in the round's year. */
  readonly realised: Readonly<Record<string, number>>;
  readonly outcomes: readonly OutcomeRound[];
  /** P(shortfall) by year of each resource with stated capacity. */
  readonly capacity: readonly {
    readonly resource: string;
    readonly pShortfall: readonly number[];
    readonly firstLikely: number | null;
  }[];
  /** Net cost (services and programmes) in the last year: mean, 10th and 90th percentiles. */
  readonly netCost: {
    readonly year: number;
    readonly mean: number;
    readonly p10: number;
    readonly p90: number;
  } | null;
}

/** One round: init is round 0 (no draw, no events). */
export interface RoundRecord {
  readonly round: number;
  /** The year revealed by this round (the base year for round 0). */
  readonly year: number;
  /** The replicate revealed as what happened (null for round 0). */
  readonly draw: number | null;
  readonly events: readonly ExerciseEvent[];
  readonly areas: readonly AreaRound[];
}

/** The state's content, everything its digest covers. */
export interface StateContent {
  readonly format: typeof STATE_FORMAT;
  readonly version: typeof STATE_VERSION;
  readonly wcc: string;
  readonly dataDigest: string;
  readonly setup: ExerciseSetup;
  readonly rounds: readonly RoundRecord[];
}

/** A state with its digest. */
export interface ExerciseState extends StateContent {
  readonly digest: string;
}

/** The digest of a state's content: SHA-256 of its canonical JSON (keys sorted). */
export function stateDigest(content: StateContent): string {
  return sha256(canonicalJson(content));
}

/** `content` with its digest. */
export function sealState(content: StateContent): ExerciseState {
  return { ...content, digest: stateDigest(content) };
}

/** A state as the text of its file: canonical (sorted keys), indented, ending in a newline. */
export function stateText(state: ExerciseState): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(state)), null, 1)}\n`;
}

/** The versions a state must match to be read: this wcc and this data. */
export interface StateCheck {
  readonly wcc: string;
  readonly dataDigest: string;
}

/**
 * Reads and checks a state file's text.
 * @throws InputError when it is not a state, its digest does not match its content, or it was
 *   written by another wcc version or with other data
 */
export function readState(text: string, source: string, check: StateCheck): ExerciseState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(`state file ${source}: expected JSON, found text that does not parse`);
  }
  const s = parsed as Partial<ExerciseState> | null;
  if (s === null || typeof s !== 'object' || s.format !== STATE_FORMAT)
    throw new InputError(
      `state file ${source}: expected an exercise state (format "${STATE_FORMAT}", from wcc exercise init), found ${describeValue(s?.format)}`,
    );
  if (s.version !== STATE_VERSION)
    throw new InputError(
      `state file ${source}: expected state version ${STATE_VERSION}, found ${describeValue(s.version)}`,
    );
  const { digest, ...content } = s as ExerciseState;
  const actual = stateDigest(content);
  if (digest !== actual)
    throw new InputError(
      `state file ${source}: digest mismatch (expected ${actual.slice(0, 16)}…, the file says ${describeValue(digest)}): the file was edited or damaged; restore it or start again with wcc exercise init`,
    );
  if (content.wcc !== check.wcc)
    throw new InputError(
      `state file ${source}: written by wcc ${content.wcc}, expected this wcc (${check.wcc}); replay the exercise with this version`,
    );
  if (content.dataDigest !== check.dataDigest)
    throw new InputError(
      `state file ${source}: written with other data (digest ${content.dataDigest.slice(0, 16)}…, expected ${check.dataDigest.slice(0, 16)}…); replay the exercise on this data`,
    );
  return s as ExerciseState;
}
