/**
 * Sobol and Morris against analytic test functions (fixed seeds): the Ishigami function
 * (Ishigami & Homma 1990; a = 7, b = 0.1: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437)
 * and Sobol's g-function (Saltelli & Sobol 1995; indices from its closed form).
 */
import { describe, expect, it } from 'vitest';
import { morris } from '../../src/sensitivity/morris.js';
import { sobol } from '../../src/sensitivity/sobol.js';

const ishigami = (x: Float64Array) => {
  const [a, b, c] = [...x].map((u) => -Math.PI + 2 * Math.PI * u) as [number, number, number];
  return Math.sin(a) + 7 * Math.sin(b) ** 2 + 0.1 * c ** 4 * Math.sin(a);
};

const G_A = [0, 1, 4.5, 9, 99, 99, 99, 99];
const gFunction = (x: Float64Array) => G_A.reduce((p, a, i) => p * (Math.abs(4 * x[i]! - 2) + a) / (1 + a), 1);
/** The g-function's closed-form indices: V_i = 1 / (3 (1 + a_i)^2). */
function gIndices(): { first: number[]; total: number[] } {
  const vi = G_A.map((a) => 1 / (3 * (1 + a) ** 2));
  const v = vi.reduce((p, x) => p * (1 + x), 1) - 1;
  return { first: vi.map((x) => x / v), total: vi.map((x, i) => (x * vi.reduce((p, y, j) => (j === i ? p : p * (1 + y)), 1)) / v) };
}

describe('Sobol indices (Saltelli sampling)', () => {
  it('Ishigami: first-order and total indices within 0.02 of the published values', () => {
    const s = sobol(ishigami, 3, 1 << 15, 42);
    [0.3139, 0.4424, 0].forEach((v, i) => expect(Math.abs(s.first[i]! - v), `S${i + 1} = ${s.first[i]}`).toBeLessThan(0.02));
    [0.5576, 0.4424, 0.2437].forEach((v, i) => expect(Math.abs(s.total[i]! - v), `ST${i + 1} = ${s.total[i]}`).toBeLessThan(0.02));
  });
  it('g-function (a = 0, 1, 4.5, 9, 99 x 4): within 0.02 of its closed form', () => {
    const s = sobol(gFunction, 8, 1 << 14, 7);
    const g = gIndices();
    g.first.forEach((v, i) => expect(Math.abs(s.first[i]! - v), `S${i + 1}`).toBeLessThan(0.02));
    g.total.forEach((v, i) => expect(Math.abs(s.total[i]! - v), `ST${i + 1}`).toBeLessThan(0.02));
  });
  it('the same seed gives the same indices; another seed, another sample', () => {
    expect(sobol(ishigami, 3, 256, 1)).toEqual(sobol(ishigami, 3, 256, 1));
    expect(sobol(ishigami, 3, 256, 2).first).not.toEqual(sobol(ishigami, 3, 256, 1).first);
  });
});

describe('Morris elementary effects', () => {
  it('a linear function: mu* is each coefficient exactly, sigma 0', () => {
    const c = [3, -2, 0.5, 0];
    const m = morris((x) => c.reduce((s, ci, i) => s + ci * x[i]!, 0), 4, 10, 3);
    m.mu_star.forEach((v, i) => expect(v).toBeCloseTo(Math.abs(c[i]!), 12));
    m.sigma.forEach((v) => expect(v).toBeCloseTo(0, 12));
  });
  it('g-function: mu* ranks the factors as their importance (a = 0 first, the a = 99 ones last)', () => {
    const m = morris(gFunction, 8, 60, 11);
    expect(m.mu_star[0]).toBeGreaterThan(m.mu_star[1]!);
    expect(m.mu_star[1]).toBeGreaterThan(m.mu_star[2]!);
    expect(m.mu_star[2]).toBeGreaterThan(m.mu_star[3]!);
    for (let i = 4; i < 8; i++) expect(m.mu_star[i]).toBeLessThan(m.mu_star[3]!);
  });
  it('Ishigami: x3 acts only through its interaction with x1 (mu near 0, sigma large)', () => {
    const m = morris(ishigami, 3, 200, 5);
    expect(m.sigma[2]).toBeGreaterThan(m.mu_star[2]! * 0.5);
    expect(Math.abs(m.mu[2]!)).toBeLessThan(0.5 * m.mu_star[2]!);
  });
});
