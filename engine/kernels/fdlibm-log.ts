/**
 * Natural logarithm, step for step as fdlibm computes it.
 * Method: fdlibm's e_log.c `__ieee754_log` (Sun Microsystems, 1993; FreeBSD msun/src/e_log.c),
 * the algorithm V8 ports for Math.log: x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then
 * log(1 + f) = f − s·(f − R) with s = f/(2 + f) and R a Remez polynomial in s², and
 * log(x) = k·ln2_hi + (log(1 + f) + k·ln2_lo). It is the reference the WebAssembly kernels'
 * `$log` (wasm/kernels.wat) restates: tests check it is bit-identical to Math.log, so that a
 * kernel doing these operations in this order matches the JavaScript it replaces.
 */

/** ln 2 split in two: the high part has its last 32 bits zero, so k·LN2_HI is exact (fdlibm). */
const LN2_HI = 6.9314718036912381649e-1; // 0x3fe62e42fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
/** 2^54, which scales a subnormal argument to a normal one (fdlibm `two54`). */
const TWO_POW_54 = 1.8014398509481984e16; // 0x4350000000000000
// fdlibm's Remez coefficients of R(z) ≈ Lg1·s² + … + Lg7·s^14, |error| < 2^-58.45.
const LG1 = 6.66666666666673513e-1; // 0x3fe5555555555593
const LG2 = 3.999999999940941908e-1; // 0x3fd999999997fa04
const LG3 = 2.857142874366239149e-1; // 0x3fd2492494229359
const LG4 = 2.222219843214978396e-1; // 0x3fcc71c51d8e78af
const LG5 = 1.818357216161805012e-1; // 0x3fc7466496cb03de
const LG6 = 1.531383769920937332e-1; // 0x3fc39a09d078c69f
const LG7 = 1.479819860511658591e-1; // 0x3fc2f112df3e5244

/** The two 32-bit words of a double (little-endian: [low, high]), scratch of this thread. */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/**
 * log(x) by fdlibm's `__ieee754_log`: the same operations in the same order, so the same bits
 * as Math.log wherever V8 uses fdlibm (tested).
 * @param x - any double; log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞, log(NaN) = NaN
 */
export function fdlibmLog(x: number): number {
  bits[0] = x;
  let hx = words[1]!;
  const lx = words[0]!;
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO_POW_54;
    bits[0] = x;
    hx = words[1]!;
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // normalise x or x/2 into [√2/2, √2)
  bits[0] = x;
  words[1] = hx | (i ^ 0x3ff00000);
  x = bits[0];
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let j = hx - 0x6147a;
  const w = z * z;
  j |= 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (j > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
