/**
 * Ridge regression with an unpenalised bias: centre inputs and outputs, solve
 * (XᵀX + λ·n·I) W = XᵀY by Cholesky. Deterministic, no dependencies.
 */

/** Weights as (inputs + 1) rows × outputs columns, row-major; the last row is the bias. */
export function fitRidge(xs: readonly Float64Array[], ys: readonly Float64Array[], lambda: number): Float64Array {
  const n = xs.length;
  const p = xs[0]!.length;
  const q = ys[0]!.length;
  const mx = new Float64Array(p);
  const my = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) mx[j]! += xs[i]![j]! / n;
    for (let j = 0; j < q; j++) my[j]! += ys[i]![j]! / n;
  }
  const a = new Float64Array(p * p);
  const b = new Float64Array(p * q);
  const xc = new Float64Array(p);
  const yc = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) xc[j] = xs[i]![j]! - mx[j]!;
    for (let j = 0; j < q; j++) yc[j] = ys[i]![j]! - my[j]!;
    for (let j = 0; j < p; j++) {
      const v = xc[j]!;
      if (v === 0) continue;
      const row = j * p;
      for (let k = 0; k <= j; k++) a[row + k]! += v * xc[k]!;
      const brow = j * q;
      for (let k = 0; k < q; k++) b[brow + k]! += v * yc[k]!;
    }
  }
  for (let j = 0; j < p; j++) a[j * p + j]! += lambda * n;
  choleskySolve(a, b, p, q);
  const w = new Float64Array((p + 1) * q);
  w.set(b);
  for (let k = 0; k < q; k++) {
    let bias = my[k]!;
    for (let j = 0; j < p; j++) bias -= mx[j]! * b[j * q + k]!;
    w[p * q + k] = bias;
  }
  return w;
}

/** Solves A X = B in place (B becomes X) for symmetric positive-definite A, lower triangle given. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number, q: number): void {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= a[j * p + k]! ** 2;
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = s / l;
    }
  }
  // L Y = B, then Lᵀ X = Y.
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) {
      const l = a[i * p + k]!;
      for (let c = 0; c < q; c++) b[i * q + c]! -= l * b[k * q + c]!;
    }
    for (let c = 0; c < q; c++) b[i * q + c]! /= a[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) {
      const l = a[k * p + i]!;
      for (let c = 0; c < q; c++) b[i * q + c]! -= l * b[k * q + c]!;
    }
    for (let c = 0; c < q; c++) b[i * q + c]! /= a[i * p + i]!;
  }
}
