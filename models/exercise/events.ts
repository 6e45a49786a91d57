/**
 * Events of an exercise round mapped onto the scenario fields the models already read, so the
 * models do the work:
 * - `demand_surge`: a `surge` lever on the setting (default non-elective admissions) from the
 *   event's year, for `duration` years (default to the end), its size drawn from `effect`;
 * - `budget_cut`: the named intervention's effect and yearly cost scaled by 1 − cut from the
 *   year (its `profile` and `cost_profile`); its draws keep their streams, so the cut is paired;
 * - `capacity`: a `capacity` lever adding (or, negative, removing) units of the resource from
 *   the year; the area must state capacity of that resource;
 * - `intervention`: the intervention added, starting in the event's year unless it says later;
 * - `assumption`: the assumption's distribution replaced. An assumption holds for every year of
 *   a run, but the years already realised are kept, so the change shows from the round's year.
 */
import { describeValue, InputError } from '../../engine/errors.js';
import type { ExerciseEvent } from './schema.js';

type Input = Record<string, unknown>;

const isRecord = (v: unknown): v is Input =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const list = (input: Input, key: string): Input[] =>
  Array.isArray(input[key]) ? (input[key] as Input[]) : [];

/** Whether `event` hits `area`. */
export function eventHits(event: ExerciseEvent, area: string): boolean {
  if (event.areas === 'all') return true;
  return (Array.isArray(event.areas) ? event.areas : [event.areas]).includes(area);
}

/** The areas an event names (none for "all"). */
export function namedAreas(event: ExerciseEvent): string[] {
  if (event.areas === 'all') return [];
  return Array.isArray(event.areas) ? event.areas : [event.areas];
}

/** The ramp of an intervention as a profile expression (its share of the full effect by year). */
function rampExpression(intervention: Input): string {
  if (typeof intervention.profile === 'string') return `(${intervention.profile})`;
  const ramp = typeof intervention.ramp_years === 'number' ? intervention.ramp_years : 0;
  return ramp <= 0 ? '1' : `min(1, (t + 1) / ${ramp})`;
}

/**
 * `scenario` (an area's scenario input) with `event` applied; the input is not changed.
 * @param where - the event's place, for messages (e.g. `events.yaml: events[0]`)
 * @throws InputError when the event cannot apply to the area (no such intervention, no capacity)
 */
export function applyEvent(
  scenario: Readonly<Input>,
  event: ExerciseEvent,
  area: string,
  where: string,
): Input {
  const out: Input = { ...scenario };
  const label = `event "${event.name}"`;
  switch (event.kind) {
    case 'demand_surge': {
      const until = event.duration === undefined ? undefined : event.year + event.duration;
      out.levers = [
        ...list(scenario, 'levers'),
        {
          name: event.name,
          kind: 'surge',
          setting: event.setting ?? 'nel_admissions',
          effect: event.effect,
          start_year: event.year,
          ...(until === undefined ? {} : { profile: `year < ${until} ? 1 : 0` }),
        },
      ];
      return out;
    }
    case 'budget_cut': {
      const interventions = list(scenario, 'interventions');
      const k = interventions.findIndex((i) => i.name === event.intervention);
      const old = interventions[k];
      if (old === undefined)
        throw new InputError(
          `${where}.intervention: ${label} expected an intervention of ${area} (${interventions.map((i) => describeValue(i.name)).join(', ') || 'it has none'}), found ${describeValue(event.intervention)}`,
        );
      const keep = 1 - event.cut;
      const step = `(year >= ${event.year} ? ${keep} : 1)`;
      const cost = typeof old.cost_profile === 'string' ? `(${old.cost_profile})` : '1';
      const cut: Input = { ...old, profile: `${rampExpression(old)} * ${step}` };
      delete cut.ramp_years;
      cut.cost_profile = `${cost} * ${step}`;
      out.interventions = interventions.map((i, j) => (j === k ? cut : i));
      return out;
    }
    case 'capacity': {
      const capacity = isRecord(scenario.capacity) ? scenario.capacity : {};
      if (typeof capacity[event.resource] !== 'number')
        throw new InputError(
          `${where}.resource: ${label} changes ${event.resource}, but ${area} states no ${event.resource} capacity (add capacity: {${event.resource}: …} to its plan)`,
        );
      out.levers = [
        ...list(scenario, 'levers'),
        {
          name: event.name,
          kind: 'capacity',
          resource: event.resource,
          effect: event.change,
          start_year: event.year,
        },
      ];
      return out;
    }
    case 'intervention':
      out.interventions = [
        ...list(scenario, 'interventions'),
        { ...event.intervention, start_year: Math.max(event.year, event.intervention.start_year) },
      ];
      return out;
    case 'assumption': {
      const assumptions = isRecord(scenario.assumptions) ? scenario.assumptions : {};
      out.assumptions = { ...assumptions, [event.assumption]: event.value };
      return out;
    }
  }
}
