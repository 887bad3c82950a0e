/**
 * Small dense matrices (a calibration's moments by parameters, tens of rows at most): products,
 * the inverse of a symmetric positive definite matrix, and a pseudo-inverse of given rank.
 * Plain arrays of rows; nothing here is meant for large matrices.
 * @internal
 * @module
 */

/** A matrix as an array of rows. @internal */
export type Matrix = number[][];

/** The transpose of `a`. @internal */
export function transpose(a: Matrix): Matrix {
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0].length;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a[i][j]));
}

/** The product a·b. @internal */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const inner = b.length;
  const cols = inner === 0 ? 0 : b[0].length;
  return a.map((row) => {
    const out = new Array<number>(cols).fill(0);
    for (let k = 0; k < inner; k++) {
      const x = row[k];
      const bk = b[k];
      for (let j = 0; j < cols; j++) out[j] += x * bk[j];
    }
    return out;
  });
}

/** The quadratic form x'·a·y. @internal */
export function bilinear(x: readonly number[], a: Matrix, y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < y.length; j++) s += x[i] * a[i][j] * y[j];
  return s;
}

/**
 * The inverse of a symmetric positive definite matrix by its Cholesky factor, or `undefined` when
 * the matrix is not positive definite to working precision (a pivot ≤ 1e-12 times the largest
 * diagonal entry): for a calibration, parameters the moments do not identify. @internal
 */
export function inverseSpd(a: Matrix): Matrix | undefined {
  const n = a.length;
  const scale = Math.max(0, ...a.map((row, i) => Math.abs(row[i])));
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] ** 2;
    if (!(d > 1e-12 * scale)) return undefined;
    const ljj = Math.sqrt(d);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / ljj;
    }
  }
  // inv(a) = inv(L)' inv(L); inv(L) by forward substitution, column by column.
  const li: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= l[i][k] * li[k][c];
      li[i][c] = s / l[i][i];
    }
  }
  return multiply(transpose(li), li);
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (to 1e-15 of the
 * off-diagonal mass). `vectors[i]` is the unit eigenvector of `values[i]`. @internal
 */
export function symmetricEigen(a: Matrix): { values: number[]; vectors: Matrix } {
  const n = a.length;
  const m = a.map((row) => row.slice());
  const v: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const total = m.reduce((s, row) => s + row.reduce((t, x) => t + x * x, 0), 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] ** 2;
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p][q];
        if (apq === 0) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((row, i) => row[i]), vectors: transpose(v) };
}

/**
 * The Moore–Penrose pseudo-inverse of a symmetric positive semi-definite matrix whose rank is
 * known from theory (`rank` largest eigenvalues kept, the rest taken as zero), so that rounding
 * never decides the rank. `undefined` if a kept eigenvalue is not above 1e-12 times the largest
 * (the matrix has a lower rank than theory says). @internal
 */
export function pseudoInverseOfRank(a: Matrix, rank: number): Matrix | undefined {
  const n = a.length;
  const { values, vectors } = symmetricEigen(a);
  const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i]);
  const largest = values[order[0]] ?? 0;
  const out: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const i of order.slice(0, rank)) {
    const lambda = values[i];
    if (!(lambda > 1e-12 * largest)) return undefined;
    const u = vectors[i];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[r][c] += (u[r] * u[c]) / lambda;
  }
  return out;
}
