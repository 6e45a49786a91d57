import { describe, expect, it } from 'vitest';
import { parseBenchRecord } from '../../bench/record.js';
import { InputError } from '../../engine/errors.js';
import { REF, record, task } from './records.js';

const valid = record([task(REF, 2, 0.1), task('x: y', 5, 0.5, 2, 5)]);

/** A copy of the valid record as plain JSON data, changed by `edit`. */
function edited(edit: (r: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  edit(copy);
  return copy;
}

describe('parseBenchRecord', () => {
  it('reads back what JSON.stringify wrote', () => {
    expect(parseBenchRecord(JSON.parse(JSON.stringify(valid)), 'b.json')).toEqual(valid);
  });

  it.each([
    [[1, 2], 'b.json: expected a wcc benchmark record (a JSON object), found [1,2]'],
    [
      edited((r) => (r.format = 'other/1')),
      'b.json: format: expected "wcc-bench/1", found "other/1"',
    ],
    [edited((r) => delete r.meta), 'b.json: meta: expected an object, found nothing'],
    [edited((r) => (r.tasks = {})), 'b.json: tasks: expected an array of tasks, found {}'],
    [edited((r) => (r.tasks = [3])), 'b.json: tasks[0]: expected a task object, found 3'],
    [
      edited((r) => ((r.tasks as Record<string, unknown>[])[1]!.mean = 'fast')),
      'b.json: tasks[1].mean: expected a finite number ≥ 0, found "fast"',
    ],
    [
      edited((r) => ((r.tasks as Record<string, unknown>[])[0]!.samples = 0)),
      'b.json: tasks[0].samples: expected a whole number ≥ 1, found 0',
    ],
    [
      edited((r) => ((r.meta as Record<string, unknown>).cores = 1.5)),
      'b.json: meta.cores: expected a whole number ≥ 1, found 1.5',
    ],
    [
      edited((r) => (r.tasks = [valid.tasks[0], valid.tasks[0]])),
      `b.json: task "${REF}" appears twice`,
    ],
  ])('rejects a malformed record (%#) with a message naming the field', (input, message) => {
    expect(() => parseBenchRecord(input, 'b.json')).toThrow(InputError);
    expect(() => parseBenchRecord(input, 'b.json')).toThrow(message);
  });
});
