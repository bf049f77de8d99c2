import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvidence, readEvidenceDir, readPerRaceReturns } from './promote-api.ts';
import { cfg, tempDir, writeBacktest, writeSweep } from './fixtures.ts';

const A = cfg({ betTypes: ['win'] });

function folder(summary: unknown): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), typeof summary === 'string' ? summary : JSON.stringify(summary));
  return dir;
}

describe('readEvidenceDir(dir)', () => {
  it('readEvidenceDir tells a sweep from a backtest by its shape', () => {
    const work = tempDir();
    const sw = readEvidenceDir(writeSweep(join(work, 'sw'), [{ hash: A.hash, ruinCount: 3, n: 1000 }]));
    expect(sw).toMatchObject({ kind: 'sweep', paths: 1000, sourceKind: 'dataset', rows: [{ configHash: A.hash, ruin: { count: 3, n: 1000 } }] });
    const bt = readEvidenceDir(writeBacktest(join(work, 'bt'), { hash: A.hash, races: 10, roi: 1 }));
    expect(bt).toMatchObject({ kind: 'backtest', configHash: A.hash, racesBet: 10, stakeYen: 10_000, walkForward: false, perRace: { from: 'races.arrow' } });
    expect(typeof bt !== 'string' && bt.summarySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('readEvidenceDir dates a sweep by its created field, else by the file time', () => {
    const work = tempDir();
    const sw = readEvidenceDir(writeSweep(join(work, 'sw'), [{ hash: A.hash }], '2024-01-02T03:04:05Z'));
    expect(typeof sw !== 'string' && sw.producedMs).toBe(Date.parse('2024-01-02T03:04:05Z'));
  });

  it.each([
    ['{not json', /not JSON/],
    [[1, 2], /not a JSON object/],
    [{ hello: 1 }, /neither a sweep summary .* nor a backtest summary/],
    [{ format: 'keiba-sweep-summary', version: 2 }, /sweep summary version 2 is not 1/],
    [{ format: 'keiba-sweep-summary', version: 1, source: { kind: 'dataset', hash: 'x' }, inputs: { paths: 10 }, configs: [{ configHash: 'e'.repeat(64), safetyFactor: 0.2, evThreshold: 1 }] }, /configs\[0\]\.ruin is not/],
    [{ strategyHash: 'x', configHash: 'y', datasetHash: 'z', racesSeen: 1 }, /lacks racesSeen or racesBet/],
  ])('readEvidenceDir(summary %j) says why it is no evidence', (summary, why) => {
    expect(readEvidenceDir(folder(summary))).toMatch(why);
  });
});

describe('readEvidence(dirs)', () => {
  it('readEvidence sorts folders into backtests, sweeps and problems', () => {
    const work = tempDir();
    const set = readEvidence([writeBacktest(join(work, 'bt'), { hash: A.hash }), writeSweep(join(work, 'sw'), [{ hash: A.hash }]), join(work, 'none')]);
    expect([set.backtests.length, set.sweeps.length, set.problems]).toEqual([1, 1, [`${join(work, 'none')}: no summary.json`]]);
  });
});

describe('readPerRaceReturns(dir)', () => {
  it('readPerRaceReturns sums bets.arrow by race and keeps races with a stake', () => {
    const work = tempDir();
    const r = readPerRaceReturns(writeBacktest(join(work, 'bt'), { hash: A.hash, races: 4, roi: 1, spread: 0.5, perRace: 'bets' }));
    expect(r).toEqual({ from: 'bets.arrow', stakeYen: [1000, 1000, 1000, 1000], returnYen: [500, 1500, 500, 1500] });
    expect(readPerRaceReturns(writeBacktest(join(work, 'bt2'), { hash: A.hash, perRace: false }))).toBeNull();
  });
});
