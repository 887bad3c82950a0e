/**
 * The Sobol' sequence in base 2 (Gray-code construction of Antonov and Saleev), with 32-bit
 * direction numbers from the Joe–Kuo table. Internal: not part of the public API.
 * @internal
 */
import { JOE_KUO } from "./_joeKuo";

const BITS = 32;
const SCALE = 2 ** -32;

/** Direction numbers v_1..v_32 (as 32-bit integers, index 0 = v_1) of dimension `dim` (1-based). */
function directions(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 1) {
    for (let i = 0; i < BITS; i++) v[i] = 2 ** (BITS - 1 - i);
    return v;
  }
  const row = JOE_KUO[dim - 2];
  const s = row[0];
  const a = row[1];
  for (let i = 0; i < s; i++) v[i] = row[2 + i] * 2 ** (BITS - 1 - i);
  for (let i = s; i < BITS; i++) {
    let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
    for (let k = 1; k < s; k++) {
      if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
    }
    v[i] = x;
  }
  return v;
}

/**
 * Points `skip .. skip + n − 1` of the `dims`-dimensional Sobol' sequence (point 0 is the
 * origin), each coordinate XOR-ed with `shift[d]` (a digital shift; 0 for none). Callers check
 * that dims <= 21 and skip + n <= 2^32. @internal
 */
export function sobolPoints(dims: number, n: number, skip: number, shift?: Uint32Array): number[][] {
  const v = Array.from({ length: dims }, (_, d) => directions(d + 1));
  const x = new Uint32Array(dims);
  const gray = (skip ^ (skip >>> 1)) >>> 0;
  for (let bit = 0; bit < BITS; bit++) {
    if ((gray >>> bit) & 1) for (let d = 0; d < dims; d++) x[d] ^= v[d][bit];
  }
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const point = new Array<number>(dims);
    for (let d = 0; d < dims; d++) point[d] = ((shift ? x[d] ^ shift[d] : x[d]) >>> 0) * SCALE;
    out[i] = point;
    // Going from index j to j + 1 flips the bit of the Gray code at the number of trailing ones of j.
    let j = skip + i;
    let c = 0;
    while (j % 2 === 1) {
      j = (j - 1) / 2;
      c++;
    }
    if (c < BITS) for (let d = 0; d < dims; d++) x[d] ^= v[d][c];
  }
  return out;
}
