/**
 * Direction numbers of the Sobol' sequence for its first 21 dimensions, from the file
 * `new-joe-kuo-6.21201` of S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654.
 *
 * Dimension 1 is the van der Corput sequence in base 2 and needs no entry: all its m_i are 1.
 * Row j of {@link JOE_KUO} is dimension j + 2 as `[s, a, m_1, …, m_s]`: `s` is the degree of the
 * primitive polynomial x^s + c_1 x^(s−1) + … + c_(s−1) x + 1 over GF(2), `a` packs its inner
 * coefficients as the binary number c_1 c_2 … c_(s−1) (so c_k is bit s−1−k of `a`), and
 * `m_1..m_s` are the odd initial direction integers (m_i < 2^i). Internal: not part of the public
 * API.
 * @internal
 */
export const JOE_KUO: readonly (readonly number[])[] = [
  [1, 0, 1], //                        d = 2
  [2, 1, 1, 3], //                     d = 3
  [3, 1, 1, 3, 1], //                  d = 4
  [3, 2, 1, 1, 1], //                  d = 5
  [4, 1, 1, 1, 3, 3], //               d = 6
  [4, 4, 1, 3, 5, 13], //              d = 7
  [5, 2, 1, 1, 5, 5, 17], //           d = 8
  [5, 4, 1, 1, 5, 5, 5], //            d = 9
  [5, 7, 1, 1, 7, 11, 19], //          d = 10
  [5, 11, 1, 1, 5, 1, 1], //           d = 11
  [5, 13, 1, 1, 1, 3, 11], //          d = 12
  [5, 14, 1, 3, 5, 5, 31], //          d = 13
  [6, 1, 1, 3, 3, 9, 7, 49], //        d = 14
  [6, 13, 1, 1, 1, 15, 21, 21], //     d = 15
  [6, 16, 1, 3, 1, 13, 27, 49], //     d = 16
  [6, 19, 1, 1, 1, 15, 7, 5], //       d = 17
  [6, 22, 1, 3, 1, 15, 13, 25], //     d = 18
  [6, 25, 1, 1, 5, 5, 19, 61], //      d = 19
  [7, 1, 1, 3, 7, 11, 23, 15, 103], // d = 20
  [7, 4, 1, 3, 7, 13, 13, 15, 69], //  d = 21
];

/** Number of dimensions the table supports (dimension 1 plus the rows of {@link JOE_KUO}). @internal */
export const JOE_KUO_MAX_DIMS = JOE_KUO.length + 1;
