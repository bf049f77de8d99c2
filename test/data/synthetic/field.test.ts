import { describe, expect, it } from 'vitest';
import { bracketsFor, createRng, drawField } from '../../../src/data/synthetic/index.ts';

describe('bracketsFor(n)', () => {
  it('gives runner i bracket i up to 8 runners', () => {
    expect(Array.from(bracketsFor(8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(bracketsFor(5))).toEqual([1, 2, 3, 4, 5]);
  });
  it('puts the extra runners in the outer brackets (JRA rule)', () => {
    expect(Array.from(bracketsFor(9))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8]);
    expect(Array.from(bracketsFor(12))).toEqual([1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
    expect(Array.from(bracketsFor(16))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
    expect(Array.from(bracketsFor(17))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 8]);
    expect(Array.from(bracketsFor(18))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8]);
  });
  it('is non-decreasing, uses all 8 brackets from 8 runners, sizes differ by at most one', () => {
    for (let n = 8; n <= 18; n++) {
      const b = Array.from(bracketsFor(n));
      expect(b.every((x, i) => i === 0 || x >= b[i - 1])).toBe(true);
      const sizes = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => b.filter((x) => x === k).length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes).toEqual([...sizes].sort((x, y) => x - y)); // outer brackets are the larger ones
    }
  });
  it('throws DATA_BAD_OPTION outside 1..18', () => {
    expect(() => bracketsFor(19)).toThrowError(/field size/);
    expect(() => bracketsFor(0)).toThrowError(/field size/);
  });
});

describe('drawField(rng)', () => {
  it('draws 8-18 runners, mostly 14-16, with JRA-like surfaces and distances', () => {
    const rng = createRng('field-test');
    const sizes: number[] = [];
    const surfaces = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const f = drawField(rng);
      sizes.push(f.fieldSize);
      surfaces.set(f.surface, (surfaces.get(f.surface) ?? 0) + 1);
      expect(f.brackets.length).toBe(f.fieldSize);
      expect(f.distanceM).toBeGreaterThanOrEqual(1000);
    }
    expect(Math.min(...sizes)).toBe(8);
    expect(Math.max(...sizes)).toBe(18);
    const mid = sizes.filter((n) => n >= 14 && n <= 16).length / sizes.length;
    expect(mid).toBeGreaterThan(0.4);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(13);
    expect(mean).toBeLessThan(15.5);
    expect((surfaces.get('jump') ?? 0) / 4000).toBeLessThan(0.06);
  });
});
