import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { readDataset, STATUS_CODE, type Dataset } from '../../src/data/index.ts';
import { datasetPool, runSweep, SimError } from '../../src/sim/index.ts';

const dir = join(mkdtempSync(join(tmpdir(), 'keiba-ds-')), 'ds');
let ds: Dataset;

beforeAll(async () => {
  const out = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    expect(await main(['data', 'generate', '--years', '0.02', '--seed', '5', '--out', dir, '--no-odds-snapshots'])).toBe(0);
  } finally {
    process.stdout.write = out;
  }
  ds = await readDataset(dir);
}, 60_000);

const noError = { overconfidence: 1, noise: 0, noiseSeed: '1' };

describe('datasetPool(dataset, model, modelError)', () => {
  it('keeps runners with final odds that were not scratched, with the truth table as p_true', () => {
    const { pool, model, truth } = datasetPool(ds, undefined, noError);
    expect(model).toBe(ds.models[0]);
    expect(truth).toBe('truth table');
    expect(pool.raceIds.length).toBeGreaterThan(0);
    let kept = 0;
    for (let r = 0; r < ds.races.length; r++) {
      for (let i = ds.runners.raceOffsets[r]; i < ds.runners.raceOffsets[r + 1]; i++) {
        const st = ds.runners.status[i];
        if (st !== STATUS_CODE.scratched && st !== STATUS_CODE.excluded && ds.runners.winOdds[i] >= 1) kept++;
      }
    }
    expect(pool.runner.length).toBe(kept);
    for (let r = 0; r < pool.raceIds.length; r++) {
      let st = 0;
      let sm = 0;
      for (let i = pool.raceOffsets[r]; i < pool.raceOffsets[r + 1]; i++) {
        st += pool.pTrue[i];
        sm += pool.pModel[i];
      }
      expect(st).toBeCloseTo(1, 9);
      expect(sm).toBeCloseTo(1, 9);
    }
    expect(Array.from(pool.dayIndex ?? [])).toEqual([...(pool.dayIndex ?? [])].sort((a, b) => a - b));
  });

  it('derives p_true ∝ p_model^(1/k) without a truth table', () => {
    const noTruth = Object.assign(Object.create(ds) as Dataset, { truth: () => undefined });
    const { pool, truth } = datasetPool(noTruth, undefined, { overconfidence: 2, noise: 0, noiseSeed: '1' });
    expect(truth).toBe('p_model^(1/2)');
    const a = pool.raceOffsets[0];
    const b = pool.raceOffsets[1];
    let s = 0;
    for (let i = a; i < b; i++) s += Math.sqrt(pool.pModel[i]);
    for (let i = a; i < b; i++) expect(pool.pTrue[i]).toBeCloseTo(Math.sqrt(pool.pModel[i]) / s, 12);
    const noisy = datasetPool(noTruth, undefined, { overconfidence: 1, noise: 0.3, noiseSeed: '9' });
    expect(noisy.hash).not.toBe(datasetPool(noTruth, undefined, noError).hash);
    expect(Array.from(noisy.pool.pTrue)).toEqual(Array.from(datasetPool(noTruth, undefined, { overconfidence: 1, noise: 0.3, noiseSeed: '9' }).pool.pTrue));
  });

  it('refuses an unknown model', () => {
    expect(() => datasetPool(ds, 'nope', noError)).toThrow(SimError);
    expect(() => datasetPool(ds, 'nope', noError)).toThrow(/unknown prediction model 'nope'/);
  });
});

describe('runSweep({ source: dataset:DIR })', () => {
  it('sweeps a dataset with Themis defaults and records its days and truth', async () => {
    const s = await runSweep({ source: `dataset:${dir}`, paths: 40, threads: 1, safetyFactors: [0.25], evThresholds: [1.1], checkpoints: 10 });
    expect(s.source.kind).toBe('dataset');
    expect(s.source.days).toBe('dates');
    expect(s.source.truth).toMatch(/truth table/);
    expect(s.configs).toHaveLength(1);
  });
});
