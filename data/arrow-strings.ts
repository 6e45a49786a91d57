/** A dictionary-encoded Arrow string column for the built tables. */
import { Dictionary, Int32, Utf8, vectorFromArray } from 'apache-arrow';

/** A dictionary-encoded string column (area codes, names and periods repeat a lot). */
export function strings(values: readonly string[]) {
  return vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
}
