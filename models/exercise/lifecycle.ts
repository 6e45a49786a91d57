/**
 * The life of an exercise state: init (set up and run round 0), advance (check and run the next
 * round), undo (drop the last round). Each returns a new sealed state; none writes a file. A
 * state is a pure function of the exercise file, the events of each round, the wcc version and
 * the data, so replaying the same rounds from init gives byte-identical content.
 */
import { InputError } from '../../engine/errors.js';
import { dataDigest } from '../../engine/io/data-digest.js';
import { wccVersion } from '../../engine/io/run-metadata.js';
import { SCENARIO_DEFAULTS } from '../scenario/schema.js';
import { checkEvents, checkNextRound, runRound, type RoundOptions } from './model.js';
import type { EventsFile, ExerciseInput } from './schema.js';
import { englandValues, setupExercise } from './setup.js';
import {
  sealState,
  STATE_FORMAT,
  STATE_VERSION,
  type ExerciseState,
  type StateContent,
} from './state.js';

/** A state's content without its digest. */
function contentOf(state: ExerciseState): StateContent {
  return {
    format: state.format,
    version: state.version,
    wcc: state.wcc,
    dataDigest: state.dataDigest,
    setup: state.setup,
    rounds: state.rounds,
  };
}

/** Sets an exercise up from its file and runs round 0 (every area's plan; baseline where it differs). */
export async function initExercise(
  input: ExerciseInput,
  source: string,
  planFiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  options: RoundOptions,
): Promise<ExerciseState> {
  const england = await englandValues(input.base_year ?? SCENARIO_DEFAULTS.baseYear, input.seed);
  const setup = setupExercise(input, source, planFiles, england);
  const round = await runRound(setup, [], [], source, options);
  return sealState({
    format: STATE_FORMAT,
    version: STATE_VERSION,
    wcc: wccVersion(),
    dataDigest: dataDigest(),
    setup,
    rounds: [round],
  });
}

/**
 * Runs the next round of `state` with the events of `file` (none: the year simply happens).
 * @throws InputError when the round was applied already, passes the horizon, or an event is invalid
 */
export async function advanceExercise(
  state: ExerciseState,
  file: EventsFile | undefined,
  source: string,
  options: RoundOptions,
): Promise<ExerciseState> {
  const next = checkNextRound(state.setup, state.rounds.length - 1, file);
  const events = file?.events ?? [];
  checkEvents(state.setup, next, events, source);
  const round = await runRound(state.setup, state.rounds, events, source, options);
  return sealState({ ...contentOf(state), rounds: [...state.rounds, round] });
}

/**
 * `state` without its last round.
 * @throws InputError when only init (round 0) is left
 */
export function undoExercise(state: ExerciseState): ExerciseState {
  if (state.rounds.length <= 1)
    throw new InputError('--undo: no round to undo (the state holds init only)');
  return sealState({ ...contentOf(state), rounds: state.rounds.slice(0, -1) });
}
