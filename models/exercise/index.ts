/** The regional simulation exercise: rounds, events, the state file and the league table. */
export { anchorKindOf, anchorReplicates, anchorStep, realisedValue } from './anchor.js';
export type { AnchorKind } from './anchor.js';
export { applyEvent, eventHits, namedAreas } from './events.js';
export { FUNNEL_PER, funnelOf } from './funnel.js';
export type { Funnel, FunnelFlag, FunnelPoint } from './funnel.js';
export { leagueOutcomes, leagueTable } from './league.js';
export type { LeagueOutcome, LeagueRow } from './league.js';
export { advanceExercise, initExercise, undoExercise } from './lifecycle.js';
export {
  BATCH_VALUES_BYTES,
  ROUND_STREAM,
  anchorArea,
  areaInput,
  checkEvents,
  checkNextRound,
  roundDraw,
  runRound,
} from './model.js';
export type { RoundOptions } from './model.js';
export { exerciseReport } from './report.js';
export type { ExerciseReport, RoundSummary } from './report.js';
export {
  ASSUMPTIONS,
  EVENT_KINDS,
  MAX_EXERCISE_REPLICATES,
  PLAN_FIELDS,
  eventSchema,
  eventsFileSchema,
  exerciseSchema,
  parseEvents,
  parseExercise,
} from './schema.js';
export type { EventsFile, ExerciseEvent, ExerciseInput } from './schema.js';
export { DEFAULT_OUTCOMES, englandValues, exerciseAreas, setupExercise } from './setup.js';
export {
  STATE_FORMAT,
  STATE_VERSION,
  readState,
  sealState,
  stateDigest,
  stateText,
} from './state.js';
export type {
  AreaRound,
  ExerciseArea,
  ExerciseSetup,
  ExerciseState,
  OutcomeRound,
  RoundRecord,
  StateCheck,
  StateContent,
} from './state.js';
