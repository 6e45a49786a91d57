/** Relative difference |got − want| / |want| (absolute when want is 0). */
export function relativeError(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** Deaths by ESP2013 band of a synthetic area (560 in all), used by the DSR and ISR tests. */
export const AREA_COUNTS = Float64Array.of(
  3,
  1,
  0,
  2,
  4,
  5,
  7,
  9,
  12,
  15,
  20,
  28,
  35,
  44,
  60,
  75,
  90,
  80,
  70,
);

/** Population by ESP2013 band of the same area (95,700 in all). */
export const AREA_POPS = Float64Array.of(
  5200,
  5400,
  5600,
  5300,
  5100,
  6200,
  6400,
  6800,
  7100,
  6900,
  6600,
  6100,
  5700,
  5000,
  4300,
  3500,
  2400,
  1400,
  700,
);

/** Deaths by the 20 life-expectancy bands 0, 1-4, …, 90+ of the PHEindicatormethods example area (methods-cases/le_case1_input.csv, e₀ = 80.16960813). */
export const LE_CASE_DEATHS = Float64Array.of(
  17,
  9,
  4,
  8,
  20,
  15,
  24,
  33,
  50,
  71,
  100,
  163,
  263,
  304,
  536,
  872,
  1390,
  1605,
  1936,
  1937,
);

/** Person-years by the same bands. */
export const LE_CASE_POPS = Float64Array.of(
  7060,
  35059,
  46974,
  48489,
  43219,
  38561,
  46009,
  57208,
  61435,
  55601,
  50209,
  56416,
  46411,
  39820,
  37978,
  37039,
  33288,
  23306,
  11936,
  11936,
);
