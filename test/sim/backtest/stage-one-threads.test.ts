/**
 * The backtest's stage-1 worker threads (stage-one-pool.ts): the eight-bet-type replay on
 * synthetic public odds gives byte-identical output files on 1, 2 and 3 threads (also with a
 * drawdown halt); an error thrown by a race's stage 1 in a worker is thrown by the replay's
 * thread with the class, code, field, value and message it has without threads, also when the
 * replay thread computed the race ahead while waiting (StageOneFeed); the threads option is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.ts';
import { SimError } from '../../../src/sim/errors.ts';
import { backtestFiles, runBacktest } from '../../../src/sim/backtest/index.ts';
import { StageOnePool } from '../../../src/sim/backtest/stage-one-pool.ts';
import { StageOneFeed } from '../../../src/sim/backtest/stage-one-feed.ts';
import { packStage, packTask, postedError, rebuiltError, unpackStage, unpackTask } from '../../../src/sim/backtest/stage-one-protocol.ts';
import { allocateSyntheticRace, type SyntheticRaceTask } from '../../../src/sim/backtest/synthetic-stage-one.ts';
import { StrategyError, parseStrategy } from '../../../src/strategies/index.ts';
import { BET_TYPES, parseConfig, sizeColumns, ThemisError, type ThemisConfig } from '../../../src/themis/index.ts';
import { syntheticDataset } from './fixtures.ts';

const eight = (themis: Record<string, unknown>, drawdown: unknown = null) =>
  parseStrategy({ name: 'eight', source: { kind: 'predictions', model: 'model' }, betTypes: [...BET_TYPES], themis, drawdown });

/** The output files of a replay, as bytes; with a pool (loaded), every race decided goes through its workers. */
function filesOf(ds: Dataset, strategy: ReturnType<typeof eight>, pool: StageOnePool | null, extra: { to: string; bankrollYen?: number }): Map<string, Buffer> {
  const r = runBacktest(ds, strategy, { ...extra, exoticOdds: 'synthetic-public', codeVersion: 'test', ...(pool === null ? {} : { stageOnePool: pool }) });
  expect(r.stageOne.workers).toBe(pool?.threads ?? 0);
  // With a pool (loaded), workers compute races and the replay thread computes races ahead while it waits for them.
  if (pool !== null) expect(r.stageOne.inWorkers, 'races through the workers').toBeGreaterThan(0);
  else expect(r.stageOne.inWorkers).toBe(0);
  const files = backtestFiles(r);
  return new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : Buffer.from(v)]));
}

const task = (p: number[]): SyntheticRaceTask => ({
  runners: Int32Array.from(p, (_, i) => i + 1),
  p: Float64Array.from(p),
  odds: Float64Array.from(p, (x, i) => (i % 2 === 0 ? 1.2 : 0.7) / Math.max(x, 0.01)),
  withoutWin: false,
  placesPaid: 3,
  brackets: new Map(),
  offered: ['place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'],
});

/** Packs `x` and posts it as the pool does (its one buffer transferred), checking the transfer; returns what the other thread receives. */
function posted<X, P extends { buffer: ArrayBuffer }>(pack: (x: X, transfer: ArrayBuffer[]) => P, x: X): P {
  const transfer: ArrayBuffer[] = [];
  const local = pack(x, transfer);
  expect(transfer).toEqual([local.buffer]);
  const received = structuredClone(local, { transfer });
  expect(local.buffer.byteLength).toBe(0); // transferred
  return received;
}

describe('backtest stage 1 in worker threads', () => {
  let ds: Dataset;
  const pools: StageOnePool[] = [];
  beforeAll(async () => {
    ({ ds } = await syntheticDataset(0.3, 'threads'));
    for (const workers of [1, 2]) pools.push(new StageOnePool(workers));
    for (const p of pools) p.waitUntilReady();
  }, 180_000);
  afterAll(() => {
    for (const p of pools) p.close();
  });

  it('gives byte-identical files without workers and with 1 or 2, and a pool serves replay after replay', () => {
    const to = ds.races.date[Math.min(60, ds.races.length) - 1];
    for (const s of [eight({ evThreshold: 1.2, safetyFactor: 0.5 }), eight({ evThreshold: 1.05, safetyFactor: 1 })]) {
      const one = filesOf(ds, s, null, { to });
      const bets = JSON.parse(one.get('summary.json')!.toString()).totals.tickets as number;
      expect(bets).toBeGreaterThan(100);
      for (const pool of pools) {
        const many = filesOf(ds, s, pool, { to });
        expect([...many.keys()].sort()).toEqual([...one.keys()].sort());
        for (const [name, bytes] of one) expect(many.get(name)!.equals(bytes), `${name} with ${pool.threads} workers`).toBe(true);
      }
    }
  }, 120_000);

  it('halts on the same race with and without threads (races after the halt are priced, not bought)', () => {
    const to = ds.races.date[Math.min(200, ds.races.length) - 1];
    const s = eight({ evThreshold: 1.0, safetyFactor: 1 }, { warn: 0.1, halt: 0.3 });
    const one = filesOf(ds, s, null, { to, bankrollYen: 200_000 });
    const summary = JSON.parse(one.get('summary.json')!.toString());
    expect(summary.halt).not.toBeNull();
    expect(summary.racesBet).toBeGreaterThanOrEqual(5);
    expect(summary.racesBet).toBeLessThan(summary.racesSeen - 20);
    const two = filesOf(ds, s, pools[0], { to, bankrollYen: 200_000 });
    for (const [name, bytes] of one) expect(two.get(name)!.equals(bytes), name).toBe(true);
    expect(pools[0].inFlight).toBe(0);
  }, 120_000);

  it('runs threads - 1 workers of its own with the threads option (the replay thread computes too)', () => {
    const s = eight({ evThreshold: 1.2, safetyFactor: 0.5 });
    const to = ds.races.date[Math.min(60, ds.races.length) - 1];
    const r = runBacktest(ds, s, { to, exoticOdds: 'synthetic-public', threads: 3 });
    expect(r.stageOne.workers).toBe(2);
    expect(r.stageOne.inWorkers + r.stageOne.inReplayThread).toBe(r.summary.racesBet + r.races.status.filter((x) => x === 'no_bet').length);
    const plain = runBacktest(ds, s, { to, exoticOdds: 'synthetic-public' });
    expect(r.summary).toEqual(plain.summary);
  }, 120_000);

  it('a worker computes what the replay thread computes, and its errors are rethrown as thrown', () => {
    const config = parseConfig({ evThreshold: 1.05, safetyFactor: 0.5 });
    const good = task([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]);
    const bad = task([0.3, 0.2, Number.NaN, 0.1, 0.09, 0.07, 0.05, 0.04]);
    const pool = new StageOnePool(2);
    try {
      pool.waitUntilReady();
      expect(pool.readyWorkers).toBe(2);
      expect(pool.submit(0, good, config)).toBe(true);
      expect(pool.submit(1, bad, config)).toBe(true);
      expect(pool.submit(2, good, config)).toBe(true);
      expect(pool.has(1)).toBe(true);
      const inline = allocateSyntheticRace(good, config).stage;
      expect(inline.rows.length).toBeGreaterThan(20);
      const fromWorker = pool.take(0);
      expect(fromWorker).toEqual(inline); // packed, posted and unpacked
      expect(sizeColumns(fromWorker, 1_000_000, config)).toEqual(sizeColumns(inline, 1_000_000, config));
      let thrown: unknown;
      let expected: unknown;
      try {
        allocateSyntheticRace(bad, config);
      } catch (e) {
        expected = e;
      }
      try {
        pool.take(1);
      } catch (e) {
        thrown = e;
      }
      expect(expected).toBeInstanceOf(Error);
      expect(thrown).toBeInstanceOf((expected as Error).constructor);
      for (const k of ['name', 'message', 'code', 'field', 'value'] as const) expect((thrown as Record<string, unknown>)[k]).toEqual((expected as Record<string, unknown>)[k]);
      // The worker goes on after an error.
      expect(pool.take(2).allocation.fraction).toEqual(inline.allocation.fraction);
      expect(() => pool.take(9)).toThrow(/race 9 was not submitted/);
    } finally {
      pool.close();
    }
  }, 60_000);

  it('a packed stage unpacks to what was packed (its arrays in one transferred buffer, pool sizes kept)', () => {
    const config = parseConfig({ evThreshold: 1.0, safetyFactor: 0.5, maxFractionPerTicket: 0.001 });
    const { stage } = allocateSyntheticRace(task([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]), config);
    expect(stage.allocation.capped.some((c) => c !== 0)).toBe(true);
    expect(stage.allocation.pools).toBe(null);
    const pools = Array.from({ length: stage.allocation.count }, (_, j) => (j % 2 === 0 ? { poolTotalYen: 1e8 + j, poolOnTicketYen: 1e6 } : undefined));
    const withPools = { ...stage, allocation: { ...stage.allocation, pools } };
    for (const s of [stage, withPools]) expect(unpackStage(posted(packStage, s))).toEqual(s);
    const none = allocateSyntheticRace(task([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]), parseConfig({ evThreshold: 50 })).stage;
    expect(none.rows.length).toBe(0);
    expect(unpackStage(structuredClone(packStage(none, [])))).toEqual(none);
  });

  it('a packed task unpacks to what was packed (one transferred buffer; brackets and bet types in their order)', () => {
    const plain = task([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]);
    const withBrackets: SyntheticRaceTask = {
      ...plain,
      runners: Int32Array.of(9, 2, 14, 5, 1, 7, 3, 12),
      withoutWin: true,
      placesPaid: 2,
      brackets: new Map([[9, 5], [2, 1], [14, 8], [5, 3], [1, 1], [7, 4], [3, 2], [12, 6]]),
      offered: ['trifecta', 'bracket_quinella', 'wide', 'place'],
    };
    for (const t of [plain, withBrackets]) {
      const back = unpackTask(posted(packTask, t));
      expect(back).toEqual(t);
      expect([...back.brackets.keys()]).toEqual([...t.brackets.keys()]);
    }
    // Views of longer arrays are packed to the field's length.
    const long = { ...plain, p: Float64Array.of(...plain.p, 0.5).subarray(0, 8), odds: Float64Array.of(...plain.odds, 9).subarray(0, 8) };
    expect(unpackTask(packTask(long, []))).toEqual(plain);
  });

  it('a worker decides each race with the config it was submitted with (configs posted once, again after discard)', () => {
    const a = parseConfig({ evThreshold: 1.05, safetyFactor: 0.5 });
    const b = parseConfig({ evThreshold: 1.2, safetyFactor: 1 });
    const t = task([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]);
    const inline = new Map([a, b].map((c) => [c, allocateSyntheticRace(t, c).stage]));
    expect(inline.get(a)!.rows.length).not.toBe(inline.get(b)!.rows.length);
    const pool = new StageOnePool(1);
    try {
      pool.waitUntilReady();
      const order = [a, a, b, b, a, b];
      order.forEach((c, seq) => expect(pool.submit(seq, t, c)).toBe(true));
      order.forEach((c, seq) => expect(pool.take(seq), `race ${seq}`).toEqual(inline.get(c)));
      // A config changed in place between two replays: the next replay posts it again.
      const changing: ThemisConfig = { ...a };
      expect(pool.submit(0, t, changing)).toBe(true);
      expect(pool.take(0)).toEqual(inline.get(a));
      pool.discard();
      Object.assign(changing, b);
      expect(pool.submit(0, t, changing)).toBe(true);
      expect(pool.take(0)).toEqual(inline.get(b));
    } finally {
      pool.close();
    }
  }, 60_000);

  it('posted errors keep class, code, field and value (a value that cannot be posted becomes its text)', () => {
    const t = rebuiltError(structuredClone(postedError(new ThemisError('THEMIS_BAD_ODDS', 'tickets.odds[3]', 0.5, 'odds 0.5 below 1'))));
    expect(t).toBeInstanceOf(ThemisError);
    expect(t).toMatchObject({ code: 'THEMIS_BAD_ODDS', field: 'tickets.odds[3]', value: 0.5, message: 'odds 0.5 below 1' });
    const s = rebuiltError(structuredClone(postedError(new StrategyError('STRATEGY_BAD_PROBABILITIES', 'p', () => 1, 'bad'))));
    expect(s).toBeInstanceOf(StrategyError);
    expect((s as StrategyError).value).toMatch(/=>/);
    const e = rebuiltError(structuredClone(postedError(new RangeError('too far'))));
    expect(e.name).toBe('RangeError');
    expect(e.message).toBe('too far');
  });

  it('refuses a threads option that is not an integer from 1 to 64', () => {
    const s = eight({});
    for (const threads of [0, 1.5, 65, Number.NaN]) {
      expect(() => runBacktest(ds, s, { exoticOdds: 'synthetic-public', threads }), String(threads)).toThrow(/threads/);
      expect(() => runBacktest(ds, s, { exoticOdds: 'synthetic-public', threads })).toThrow(SimError);
    }
  });
});

describe('StageOneFeed', () => {
  const config = parseConfig({ evThreshold: 1.05, safetyFactor: 0.5 });
  const field = (i: number): number[] => {
    const n = 6 + (i % 7);
    const w = Array.from({ length: n }, (_, k) => 1 / (k + 1 + (i % 3)));
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  };
  const BAD = 17;
  const races = Array.from({ length: 40 }, (_, i) => {
    const t = task(field(i));
    if (i === BAD) t.p[2] = Number.NaN; // this race's stage 1 throws
    return t;
  });
  const market = (t: SyntheticRaceTask) => ({ rows: new Int32Array(t.runners.length), runners: t.runners, odds: t.odds, source: 'final' as const, exotic: [] });
  const price = (r: number) => (r % 9 === 4 ? { m: market(races[r]), status: 'no_bet' as const, detail: null } : { m: market(races[r]), p: races[r].p });
  const taskOf = (r: number) => races[r];

  /** Every race's stage 1 in turn (or the error thrown), as the replay asks for them. */
  function replay(feed: StageOneFeed): unknown[] {
    const out: unknown[] = [];
    for (let seq = 0; seq < races.length; seq++) {
      feed.submitAhead(seq, 0, 0, races.length, { price });
      const priced = feed.priced(seq) ?? price(seq);
      if (!('p' in priced)) continue;
      try {
        out.push(sizeColumns(feed.allocation(seq, seq, priced.m, priced.p), 1_000_000, config));
      } catch (e) {
        out.push(e);
      }
    }
    feed.finish(true);
    return out;
  }

  it('gives each race the stage 1 it gives without workers, and a race that throws throws at its turn (from a worker or computed ahead)', () => {
    const alone = replay(new StageOneFeed(1, undefined, true, config, taskOf));
    const err = alone.find((x) => x instanceof Error) as Error & { code?: string };
    expect(err).toBeDefined();
    expect(alone.filter((x) => x instanceof Error)).toHaveLength(1);
    for (const workers of [1, 2]) {
      const pool = new StageOnePool(workers);
      try {
        pool.waitUntilReady();
        const feed = new StageOneFeed(1, pool, true, config, taskOf);
        const got = replay(feed);
        expect(feed.inWorkers).toBeGreaterThan(0);
        expect(got.length).toBe(alone.length);
        for (let i = 0; i < got.length; i++) {
          if (alone[i] instanceof Error) {
            expect(got[i]).toBeInstanceOf((alone[i] as Error).constructor);
            expect(got[i]).toMatchObject({ message: err.message, code: err.code });
          } else expect(got[i]).toEqual(alone[i]);
        }
        expect(pool.inFlight).toBe(0);
      } finally {
        pool.close();
      }
    }
  }, 60_000);
});
