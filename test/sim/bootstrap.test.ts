/**
 * The bootstrap source `backtest:RUN`: the draws (whole days in order, uniform frequencies), the
 * candidates a backtest records (dead heat, refund), a tiny run settled by hand to the yen, the
 * kernel against decide() on sampled (race, bankroll, config) states, and the refusals.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, writeBacktestFolder } from '../../src/sim/backtest/index.ts';
import { candidateTableBytes } from '../../src/sim/backtest/candidate-table.ts';
import { buildBootstrapPlan } from '../../src/sim/montecarlo/bootstrap-plan.ts';
import { drawBootstrapSequence } from '../../src/sim/montecarlo/bootstrap-draws.ts';
import { simulateBootstrapPaths } from '../../src/sim/montecarlo/bootstrap-kernel.ts';
import { backtestPoolFromTable, readBacktestPool, type BacktestPool } from '../../src/sim/sources/backtest-pool.ts';
import { buildGrid, loadSource, newKernelCounts, pathSeed, themisRace, type GridConfig, type KernelPlan } from '../../src/sim/index.ts';
import { parseStrategy } from '../../src/strategies/index.ts';
import { decide } from '../../src/themis/index.ts';
import { craftedRows, datasetOf, tempDir } from './backtest/fixtures.ts';
import { writeBacktestRunFixture } from './fixtures.ts';

const noError = { overconfidence: 1, noise: 0, noiseSeed: '1' };

/** Blocks of the sequence: each must start at a block start and run through its block (or to the end). */
function blocksOf(seq: Int32Array, blockStart: Int32Array): number[] {
  const starts = Array.from(blockStart.subarray(0, blockStart.length - 1));
  const out: number[] = [];
  let i = 0;
  while (i < seq.length) {
    const k = starts.indexOf(seq[i]);
    expect(k, `position ${i} (race ${seq[i]}) starts no block`).toBeGreaterThanOrEqual(0);
    out.push(k);
    for (let r = blockStart[k]; r < blockStart[k + 1] && i < seq.length; r++) expect(seq[i++]).toBe(r);
  }
  return out;
}

/** Pearson chi-square statistic of counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const e = total / counts.length;
  return counts.reduce((a, c) => a + ((c - e) * (c - e)) / e, 0);
}

describe('drawBootstrapSequence(blockStart, state, steps, out)', () => {
  const days = Int32Array.of(0, 3, 4, 9, 11, 16); // days of 3, 1, 5, 2 and 5 races

  it('by day: keeps every drawn day whole and in post-time order, only the last one cut at the path length', () => {
    for (let path = 0; path < 300; path++) {
      const steps = 1 + (path % 40);
      const seq = new Int32Array(steps);
      const drawn = drawBootstrapSequence(days, pathSeed('s', path), steps, seq);
      expect(blocksOf(seq, days).length).toBe(drawn);
    }
  });

  it('is a function of (seed, path) only', () => {
    const a = new Int32Array(50);
    const b = new Int32Array(50);
    drawBootstrapSequence(days, pathSeed('7', 12), 50, a);
    drawBootstrapSequence(days, pathSeed('7', 12), 50, b);
    expect(Array.from(b)).toEqual(Array.from(a));
    drawBootstrapSequence(days, pathSeed('7', 13), 50, b);
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });

  it('draws races (one-race blocks) and days uniformly: chi-square within its 0.1% critical value', () => {
    const races = Int32Array.from({ length: 8 }, (_, i) => i); // 7 races
    const byRace = new Array(7).fill(0);
    const byDay = new Array(5).fill(0);
    const seq = new Int32Array(100);
    for (let path = 0; path < 1000; path++) {
      drawBootstrapSequence(races, pathSeed('u', path), 100, seq);
      for (const r of seq) byRace[r]++;
      drawBootstrapSequence(days, pathSeed('u', path), 100, seq);
      // every block but a cut last one counts once
      for (const k of blocksOf(seq, days).slice(0, -1)) byDay[k]++;
    }
    expect(chiSquare(byRace)).toBeLessThan(22.46); // 6 degrees of freedom
    expect(chiSquare(byDay)).toBeLessThan(18.47); // 4 degrees of freedom
    expect(Math.min(...byDay)).toBeGreaterThan(0);
  });
});

describe('a tiny run settled by hand: a dead heat and a refund', () => {
  // Race 1: runners 1 and 2 dead-heat for first, dividends 150 and 420 per 100 (odds 1.7 and 2.6 at decision).
  // Race 2: runner 3 (odds 8.0 at decision) is scratched after the decision and refunded; runner 1 wins at 160.
  let dir: string;
  let pool: BacktestPool;
  beforeAll(async () => {
    const rows = craftedRows(1, 2, 'hand', (_d, k) =>
      k === 0
        ? { q: [0.45, 0.3, 0.15, 0.1], model: [0.62, 0.36, 0.01, 0.01], winner: 0 }
        : { q: [0.5, 0.3, 0.1, 0.1], model: [0.4, 0.2, 0.3, 0.1], winner: 0, scratchedLate: 3 },
    true);
    const r1 = 'X-2020-01-01-01';
    const r2 = 'X-2020-01-01-02';
    for (const r of rows.runners) if (r.raceId === r1 && r.runner === 2) r.finishPos = 1;
    for (const r of rows.runners) if (r.raceId === r1 && r.runner > 2) r.finishPos = r.runner;
    rows.payouts = rows.payouts.filter((p) => p.raceId !== r1);
    rows.payouts.push({ raceId: r1, betType: 'win', combination: '1', payoutPer100: 150 }, { raceId: r1, betType: 'win', combination: '2', payoutPer100: 420 });
    // the model still priced the runner scratched later (the fixture leaves it out)
    rows.predictions!.model.push({ raceId: r2, runner: 3, p: 0.3 });
    const ds = await datasetOf(rows);
    const s = parseStrategy({ name: 'hand', source: { kind: 'predictions', model: 'model' }, betTypes: ['win'], themis: { evThreshold: 1.5 } });
    dir = join(tempDir(), 'run');
    writeBacktestFolder(dir, runBacktest(ds, s, { bankrollYen: 100_000 }), false);
    pool = readBacktestPool(dir);
  });

  it('candidates.arrow records every candidate with p, decision odds and the real settlement of 100 yen', () => {
    const t = tableFromIPC(readFileSync(join(dir, 'candidates.arrow')));
    const rows = t.toArray().map((r) => [String(r.race_id).slice(-2), r.runner, r.odds, String(r.result), Number(r.return_per_100_yen)]);
    expect(rows).toEqual([
      ['01', 1, 1.7, 'win', 150],
      ['01', 2, 2.6, 'win', 420],
      ['01', 3, 5.3, 'lose', 0],
      ['01', 4, 8, 'lose', 0],
      ['02', 1, 1.6, 'win', 160],
      ['02', 2, 2.6, 'lose', 0],
      ['02', 3, 8, 'refund', 100],
      ['02', 4, 8, 'lose', 0],
    ]);
    expect(pool.pool.raceIds).toEqual(['X-2020-01-01-01', 'X-2020-01-01-02']);
    expect(Array.from(pool.dayStart)).toEqual([0, 2]);
  });

  it('the kernel on the forced sequence (race 1, race 2) ends on the bankroll computed by hand, to the yen', () => {
    // safety 0.5, threshold 0.9, no caps, no stop: race 1 buys both dead-heaters, race 2 the refunded runner
    const [g] = buildGrid({ base: { safetyFactor: 0.5, evThreshold: 0.9, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 }, fields: {} });
    const plan = buildBootstrapPlan({ pool: pool.pool, returnPer100: pool.returnPer100, dayStart: pool.dayStart, unit: 'day', steps: 2 }, [g], 1_000_000, 0);
    const finals = new Float64Array(1);
    simulateBootstrapPaths(plan, 'any', 0, 1, new Int32Array(0), newKernelCounts(1, 2, 0), finals);
    // By hand, with decide()'s stakes (floor(B x fraction / 100) x 100):
    const d1 = decide(themisRace(pool.pool, 0, 0.9), 1_000_000, g.config).bets;
    expect(d1.map((b) => b.id)).toEqual(['win:1', 'win:2']);
    const [s1, s2] = d1.map((b) => b.stakeYen);
    const after1 = 1_000_000 - s1 - s2 + (s1 / 100) * 150 + (s2 / 100) * 420; // both dead-heaters paid their dividend
    const d2 = decide(themisRace(pool.pool, 1, 0.9), after1, g.config).bets;
    expect(d2.map((b) => b.id)).toEqual(['win:3']);
    const after2 = after1 - d2[0].stakeYen + d2[0].stakeYen; // the refund returns the stake
    expect(finals[0]).toBe(after2);
    // Worked by hand (simultaneous Kelly, safety 0.5): race 1 takes runners 1 and 2, R = 0.02 / (1 - 1/1.7 - 1/2.6) = 0.73667,
    // fractions 0.5 x (0.62 - R / 1.7) = 0.093333 and 0.5 x (0.36 - R / 2.6) = 0.038333 of 1,000,000: 93,300 and 38,300 yen,
    // back 933 x 150 + 383 x 420 = 300,810: 1,169,210. Race 2 takes runner 3 alone (p = 0.3 / 1.3, odds 8):
    // 0.5 x (p - (1 - p) / 7) = 0.060440 of 1,169,210: 70,600 yen, refunded: 1,169,210.
    expect([s1, s2, d2[0].stakeYen]).toEqual(HAND_STAKES);
    expect(finals[0]).toBe(1_169_210);
  });
});

/** Stakes of the hand-checked run, worked out by hand (see the test). */
const HAND_STAKES = [93_300, 38_300, 70_600];

describe('simulateBootstrapPaths sizes like decide() and settles on the recorded returns', () => {
  let pool: BacktestPool;
  beforeAll(async () => {
    pool = readBacktestPool(await writeBacktestRunFixture(8, 6, 'kernel-decide'));
  }, 60_000);

  /** The bankroll after one step that draws race r, started at `bankroll`. */
  function kernelAfter(g: GridConfig, r: number, bankroll: number): number {
    const plan = buildBootstrapPlan({ pool: pool.pool, returnPer100: pool.returnPer100, dayStart: pool.dayStart, unit: 'race', steps: 1 }, [g], bankroll, 0);
    const forced: KernelPlan = { ...plan, bootstrap: { ...plan.bootstrap, blockStart: Int32Array.of(r, r + 1) } };
    const finals = new Float64Array(1);
    simulateBootstrapPaths(forced, 's', 0, 1, new Int32Array(0), newKernelCounts(1, 1, 0), finals);
    return finals[0];
  }

  it('gives the bankroll decide() implies on sampled (race, bankroll, config) states', () => {
    const off = pool.pool.raceOffsets;
    let betting = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pool.pool.raceIds.length - 1 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.record({
          safetyFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
          evThreshold: fc.double({ min: 0.5, max: 1.2, noNaN: true }),
          maxFractionPerTicket: fc.option(fc.double({ min: 0.001, max: 1, noNaN: true }), { nil: null }),
          maxFractionPerRace: fc.option(fc.double({ min: 0.001, max: 1, noNaN: true }), { nil: null }),
          minBankrollYen: fc.integer({ min: 0, max: 200_000 }),
        }),
        (r, bankroll, raw) => {
          const [g] = buildGrid({ base: raw, fields: {} });
          const d = decide(themisRace(pool.pool, r, g.config.evThreshold), bankroll, g.config);
          let after = bankroll;
          for (const b of d.bets) {
            const runner = Number(b.id.slice(4));
            let i = off[r];
            while (pool.pool.runner[i] !== runner) i++;
            after += -b.stakeYen + (b.stakeYen / 100) * pool.returnPer100[i];
          }
          if (d.bets.length > 0) betting++;
          expect(kernelAfter(g, r, bankroll)).toBe(after);
        },
      ),
      { numRuns: 200 },
    );
    expect(betting).toBeGreaterThan(40);
  });
});

describe('backtest:RUN refusals (coded errors naming the file or field)', () => {
  let run: string;
  beforeAll(async () => {
    run = await writeBacktestRunFixture(2, 3, 'refusals');
  }, 60_000);

  const copyRun = (mutate: (dir: string) => void): string => {
    const dir = join(tempDir(), 'copy');
    mkdirSync(dir);
    for (const f of ['summary.json', 'candidates.arrow']) copyFileSync(join(run, f), join(dir, f));
    mutate(dir);
    return dir;
  };

  it('a folder that is not a backtest run', async () => {
    const dir = tempDir();
    await expect(loadSource(`backtest:${dir}`, noError)).rejects.toThrow(/SIM_BAD_SOURCE|is not a backtest run.*summary\.json/);
    await expect(loadSource(`backtest:${dir}`, noError)).rejects.toMatchObject({ code: 'SIM_BAD_SOURCE', file: join(dir, 'summary.json') });
    await expect(loadSource(`backtest:${join(dir, 'none')}`, noError)).rejects.toMatchObject({ code: 'SIM_MISSING_SOURCE' });
    writeFileSync(join(dir, 'summary.json'), '{"format":"keiba-sweep-summary"}');
    await expect(loadSource(`backtest:${dir}`, noError)).rejects.toMatchObject({ code: 'SIM_BAD_SOURCE', field: 'strategyHash' });
  });

  it('a run without candidates.arrow, and a run with no candidates', async () => {
    const a = copyRun((d) => rmSync(join(d, 'candidates.arrow')));
    await expect(loadSource(`backtest:${a}`, noError)).rejects.toMatchObject({ code: 'SIM_BAD_SOURCE', file: join(a, 'candidates.arrow') });
    const empty = { raceId: [], date: [], raceSeq: [], runner: [], p: [], odds: [], result: [], returnPer100Yen: [] };
    const b = copyRun((d) => writeFileSync(join(d, 'candidates.arrow'), candidateTableBytes(empty)));
    await expect(loadSource(`backtest:${b}`, noError)).rejects.toThrow(/the run has no candidates/);
    await expect(loadSource(`backtest:${b}`, noError)).rejects.toMatchObject({ code: 'SIM_BAD_SOURCE', file: join(b, 'candidates.arrow') });
  });

  it('a run with bet types other than win', async () => {
    const dir = copyRun((d) => {
      const s = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as { strategy: { betTypes: string[] } };
      s.strategy.betTypes = ['win', 'trifecta'];
      writeFileSync(join(d, 'summary.json'), JSON.stringify(s));
    });
    await expect(loadSource(`backtest:${dir}`, noError)).rejects.toMatchObject({ code: 'SIM_BAD_SOURCE', field: 'strategy.betTypes' });
  });

  it('an unknown --bootstrap, a bad --races, and bootstrap options with another source', async () => {
    await expect(loadSource(`backtest:${run}`, noError, { unit: 'week' })).rejects.toMatchObject({ code: 'SIM_BAD_OPTION', field: 'bootstrap', value: 'week' });
    await expect(loadSource(`backtest:${run}`, noError, { races: 0 })).rejects.toMatchObject({ code: 'SIM_BAD_OPTION', field: 'races' });
    await expect(loadSource('binary:0.4:3:10', noError, { unit: 'day' })).rejects.toMatchObject({ code: 'SIM_BAD_OPTION', field: 'bootstrap' });
    const ok = await loadSource(`backtest:${run}`, noError, { unit: 'day', races: 10 });
    expect(ok.info.bootstrap).toMatchObject({ unit: 'day', races: 10, runRaces: 6, runDays: 2, unsettleableRaces: 0 });
    expect(ok.info.races).toBe(10);
    expect(existsSync(run)).toBe(true);
  });

  it('backtestPoolFromTable leaves out a race with an unsettleable candidate (counted)', () => {
    const t = tableFromIPC(readFileSync(join(run, 'candidates.arrow')));
    const cols = {
      raceId: [...t.getChild('race_id')!].map(String),
      date: [...t.getChild('date')!].map(String),
      raceSeq: [...t.getChild('race_seq')!].map(Number),
      runner: [...t.getChild('runner')!].map(Number),
      p: [...t.getChild('p')!].map(Number),
      odds: [...t.getChild('odds')!].map(Number),
      result: [...t.getChild('result')!].map(String) as ('win' | 'lose' | 'refund' | 'unsettleable')[],
      returnPer100Yen: [...t.getChild('return_per_100_yen')!].map(Number),
    };
    cols.result[0] = 'unsettleable';
    const id = { strategyName: 'x', strategyHash: 'a', configHash: 'b', datasetHash: 'c', summarySha256: 'd', candidatesSha256: 'e' };
    const b = backtestPoolFromTable(tableFromIPC(candidateTableBytes(cols)), 'candidates.arrow', id);
    expect(b.unsettleableRaces).toBe(1);
    expect(b.pool.raceIds.length).toBe(5);
  });
});
