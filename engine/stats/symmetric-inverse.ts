/**
 * Inverse of a small symmetric positive-definite matrix.
 * Method: Cholesky factorisation A = LLᵀ, then A⁻¹ = L⁻ᵀL⁻¹ (Golub & Van Loan, "Matrix
 * Computations", 4th ed., §4.2). Meant for the few-parameter information matrices of model fits.
 */

/**
 * Writes the inverse of the k×k symmetric positive-definite matrix `a` (row-major) into `out`.
 * @param a - the matrix, row-major, length k² (read only)
 * @param k - its order
 * @param out - the inverse, row-major, length k², written
 * @returns false (and `out` filled with NaN) when `a` is not positive definite
 */
export function invertSymmetric(a: Float64Array, k: number, out: Float64Array): boolean {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; ++j) {
    let d = a[j * k + j]!;
    for (let m = 0; m < j; ++m) d -= l[j * k + m]! * l[j * k + m]!;
    if (!(d > 0)) {
      out.fill(NaN);
      return false;
    }
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; ++i) {
      let s = a[i * k + j]!;
      for (let m = 0; m < j; ++m) s -= l[i * k + m]! * l[j * k + m]!;
      l[i * k + j] = s / ljj;
    }
  }
  // L⁻¹ by forward substitution, column by column.
  const inv = new Float64Array(k * k);
  for (let c = 0; c < k; ++c) {
    for (let i = c; i < k; ++i) {
      let s = i === c ? 1 : 0;
      for (let m = c; m < i; ++m) s -= l[i * k + m]! * inv[m * k + c]!;
      inv[i * k + c] = s / l[i * k + i]!;
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹.
  for (let i = 0; i < k; ++i) {
    for (let j = 0; j <= i; ++j) {
      let s = 0;
      for (let m = i; m < k; ++m) s += inv[m * k + i]! * inv[m * k + j]!;
      out[i * k + j] = s;
      out[j * k + i] = s;
    }
  }
  return true;
}
