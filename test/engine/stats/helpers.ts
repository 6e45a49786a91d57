/** Relative difference |got − want| / |want| (absolute when want is 0). */
export function relativeError(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}
