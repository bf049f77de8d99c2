import { beforeAll, describe, expect, it } from 'vitest';
import { checkDatasetRows, isDataError, type DatasetRows, type RunnerRow } from '../../../src/data/index.ts';
import { JRA_PAYOUT_RATES } from '../../../src/data/parimutuel.ts';
import {
  bracketsFor,
  consistentOrders,
  generateDataset,
  generateRace,
  raceCalendar,
  resolveSyntheticConfig,
  SNAPSHOT_SCHEDULE,
  type RaceRows,
} from '../../../src/data/synthetic/index.ts';
import { JRA_TERMS, winningCombinations as ledgerWinners } from '../../../src/ledger/index.ts';
import { BET_TYPES, type BetType } from '../../../src/themis/tickets.ts';

const SEED = 'test-year';
let year: RaceRows[];

beforeAll(() => {
  const config = resolveSyntheticConfig();
  year = raceCalendar('2024-01-01', '2025-01-01').map((slot) => generateRace(slot, SEED, config));
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const started = (r: RunnerRow) => r.status === 'ran' || r.status === 'dnf';

describe('generateDataset(options)', () => {
  it('is deterministic: same seed, same rows; another seed, other rows', () => {
    const a = generateDataset({ years: 0.05, seed: 7 });
    const b = generateDataset({ years: 0.05, seed: '7' });
    const c = generateDataset({ years: 0.05, seed: 8 });
    expect(a.races.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c.runners).not.toEqual(a.runners);
    expect(c.races).toEqual(a.races.map((r, i) => ({ ...r, surface: c.races[i].surface, distanceM: c.races[i].distanceM, fieldSize: c.races[i].fieldSize })));
  });

  it('equals the races of generateRace concatenated (each race depends only on seed and race id)', () => {
    const d = generateDataset({ years: 0.1, seed: SEED, startDate: '2024-01-01' });
    const head = year.slice(0, d.races.length);
    expect(d.races).toEqual(head.map((r) => r.race));
    expect(d.runners).toEqual(head.flatMap((r) => r.runners));
    expect(d.payouts).toEqual(head.flatMap((r) => r.payouts));
    expect(d.oddsSnapshots).toEqual(head.flatMap((r) => r.oddsSnapshots));
    expect(d.predictions?.model).toEqual(head.flatMap((r) => r.predictions));
    expect(d.truth).toEqual(head.flatMap((r) => r.truth));
    checkDatasetRows(d);
  });

  it('changes only the predictions when the model parameters change', () => {
    const a = generateDataset({ years: 0.03, seed: 3 });
    const b = generateDataset({ years: 0.03, seed: 3, modelSkill: 0.3, overconfidence: 2 });
    expect(b.runners).toEqual(a.runners);
    expect(b.payouts).toEqual(a.payouts);
    expect(b.oddsSnapshots).toEqual(a.oddsSnapshots);
    expect(b.predictions).not.toEqual(a.predictions);
  });

  it('omits odds snapshots on request', () => {
    const d: DatasetRows = generateDataset({ years: 0.02, seed: 3, oddsSnapshots: false });
    expect(d.oddsSnapshots).toBeUndefined();
  });

  it.each([
    [{ years: 0, seed: 1 }, 'years'],
    [{ years: 1, seed: '' }, 'seed'],
    [{ years: 1, seed: 1, startDate: '2024-13-01' }, 'startDate'],
    [{ years: 1, seed: 1, modelSkill: 1.5 }, 'modelSkill'],
    [{ years: 1, seed: 1, overconfidence: -1 }, 'overconfidence'],
  ])('throws DATA_BAD_OPTION for %o', (options, field) => {
    try {
      generateDataset(options);
      expect.unreachable();
    } catch (e) {
      expect(isDataError(e, 'DATA_BAD_OPTION')).toBe(true);
      expect((e as { field: string }).field).toBe(field);
    }
  });
});

describe('a generated year', () => {
  it('has about 3,450 races of 8-18 declared runners with JRA brackets', () => {
    expect(year.length).toBeGreaterThan(3300);
    expect(year.length).toBeLessThan(3600);
    const bad = year.filter(
      (r) =>
        r.runners.length !== r.race.fieldSize ||
        r.race.fieldSize < 8 ||
        r.race.fieldSize > 18 ||
        r.runners.map((x) => x.bracket).join() !== Array.from(bracketsFor(r.race.fieldSize)).join(),
    );
    expect(bad).toEqual([]);
  });

  it('withdraws a runner in a few percent of races (refunded: no position, odds or popularity)', () => {
    const withdrawn = year.filter((r) => r.runners.some((x) => x.status === 'scratched' || x.status === 'excluded'));
    expect(withdrawn.length / year.length).toBeGreaterThan(0.03);
    expect(withdrawn.length / year.length).toBeLessThan(0.1);
    for (const r of withdrawn) {
      for (const x of r.runners.filter((y) => !started(y))) {
        expect(x).toMatchObject({ finishPos: null, winOddsFinal: null, popularity: null });
        expect(r.payouts.some((p) => p.betType !== 'bracket_quinella' && p.combination.split(/[->]/).includes(String(x.runner)))).toBe(false);
      }
    }
    const dnf = year.flatMap((r) => r.runners).filter((x) => x.status === 'dnf');
    expect(dnf.length).toBeGreaterThan(0);
    expect(dnf.every((x) => x.finishPos === null && x.winOddsFinal !== null)).toBe(true);
  });

  it('win markets have a mean overround of about 1/0.8 plus breakage', () => {
    const overrounds = year.map((r) => sum(r.runners.filter(started).map((x) => 1 / (x.winOddsFinal as number))));
    const mean = sum(overrounds) / overrounds.length;
    expect(mean).toBeGreaterThan(1.25);
    expect(mean).toBeLessThan(1.29);
    // Below 1.25 only where a heavy favourite is paid a 元返し / Plus10 top-up (odds 1.0-1.1).
    const low = year.filter((r, k) => overrounds[k] < 1.25 && Math.min(...r.runners.filter(started).map((x) => x.winOddsFinal as number)) > 1.2);
    expect(low.map((r) => r.race.raceId)).toEqual([]);
    // Odds are 0.1 steps of at least 1.0.
    const bad = year
      .flatMap((r) => r.runners)
      .filter(started)
      .filter((x) => (x.winOddsFinal as number) < 1 || Math.abs((x.winOddsFinal as number) * 10 - Math.round((x.winOddsFinal as number) * 10)) > 1e-9);
    expect(bad).toEqual([]);
  });

  it('each pool pays its payout rate R of its sales over the year, less breakage', () => {
    for (const b of BET_TYPES) {
      let total = 0n;
      let paid = 0n;
      for (const r of year) {
        const p = r.pools[b];
        if (p === undefined) continue;
        total += BigInt(p.totalYen);
        paid += BigInt(p.paidYen);
      }
      const ratio = Number((paid * 1_000_000n) / total) / 1e6;
      expect(ratio, b).toBeGreaterThan(JRA_PAYOUT_RATES[b] - 0.025);
      expect(ratio, b).toBeLessThan(JRA_PAYOUT_RATES[b] + 0.005);
    }
  });

  it('has realistic pool sizes and favourite win rate', () => {
    const mean = (b: BetType) => sum(year.map((r) => r.pools[b]?.totalYen ?? 0)) / year.length;
    expect(mean('win')).toBeGreaterThan(3e7);
    expect(mean('win')).toBeLessThan(2e8);
    expect(mean('trifecta')).toBeGreaterThan(2e8);
    expect(mean('trifecta')).toBeLessThan(8e8);
    const favWins = year.filter((r) => r.runners.find((x) => x.popularity === 1)?.finishPos === 1).length / year.length;
    expect(favWins).toBeGreaterThan(0.25);
    expect(favWins).toBeLessThan(0.4);
  });

  it('predictions and truth sum to 1 per race over the starters', () => {
    const bad: string[] = [];
    for (const r of year) {
      const starters = r.runners.filter(started).map((x) => x.runner).join();
      if (r.truth.map((t) => t.runner).join() !== starters || r.predictions.map((t) => t.runner).join() !== starters) bad.push(r.race.raceId);
      if (Math.abs(sum(r.truth.map((t) => t.pTrue)) - 1) > 1e-9) bad.push(`${r.race.raceId} truth`);
      if (Math.abs(sum(r.predictions.map((t) => t.p)) - 1) > 1e-9) bad.push(`${r.race.raceId} predictions`);
    }
    expect(bad).toEqual([]);
  });

  it('shows a favourite-longshot bias: win bets on longshots return less per yen than on favourites', () => {
    let favStake = 0, favExp = 0, favReal = 0, longStake = 0, longExp = 0, longReal = 0;
    for (const r of year) {
      const p = new Map(r.truth.map((t) => [t.runner, t.pTrue]));
      for (const x of r.runners.filter(started)) {
        const o = x.winOddsFinal as number;
        const won = x.finishPos === 1 ? o : 0;
        if (o < 5) {
          favStake++;
          favExp += (p.get(x.runner) as number) * o;
          favReal += won;
        } else if (o >= 50) {
          longStake++;
          longExp += (p.get(x.runner) as number) * o;
          longReal += won;
        }
      }
    }
    expect(favExp / favStake).toBeGreaterThan(0.78);
    expect(longExp / longStake).toBeLessThan(0.7);
    expect(longReal / longStake).toBeLessThan(favReal / favStake);
  });

  it('pays exactly the combinations consistent with the finishing order', () => {
    const problems: string[] = [];
    for (const r of year) {
      const finishers = r.runners
        .filter((x) => x.finishPos !== null)
        .map((x) => ({ runner: x.runner, finishPos: x.finishPos as number, bracket: x.bracket }));
      const orders = consistentOrders(finishers);
      const paid = new Map<BetType, string[]>(BET_TYPES.map((b) => [b, []]));
      for (const p of r.payouts) {
        (paid.get(p.betType) as string[]).push(p.combination);
        if (p.payoutPer100 % 10 !== 0 || p.payoutPer100 < 100) problems.push(`${r.race.raceId} ${p.betType} ${p.payoutPer100}`);
      }
      const bracket = new Map(finishers.map((f) => [f.runner, f.bracket as number]));
      const expected: Partial<Record<BetType, string[]>> = {
        win: orders.map((o) => String(o[0])),
        exacta: orders.map((o) => `${o[0]}>${o[1]}`),
        trifecta: orders.map((o) => `${o[0]}>${o[1]}>${o[2]}`),
        bracket_quinella:
          r.race.fieldSize >= 9
            ? orders.map((o) => [bracket.get(o[0]) as number, bracket.get(o[1]) as number].sort((x, y) => x - y).join('-'))
            : [],
        place: finishers.filter((f) => f.finishPos <= 3).map((f) => String(f.runner)),
      };
      for (const [b, list] of Object.entries(expected) as [BetType, string[]][]) {
        const want = [...new Set(list)].sort().join(' ');
        const got = [...(paid.get(b) as string[])].sort().join(' ');
        if (want !== got) problems.push(`${r.race.raceId} ${b}: paid ${got}, expected ${want}`);
      }
      if (orders.length === 1) {
        const winner = r.runners.find((x) => x.finishPos === 1) as RunnerRow;
        const win = r.payouts.find((p) => p.betType === 'win')?.payoutPer100;
        if (win !== Math.round((winner.winOddsFinal as number) * 100)) problems.push(`${r.race.raceId} win ${win} vs odds ${winner.winOddsFinal}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('pays what the ledger settles: the same winning combinations for every pool', () => {
    const problems: string[] = [];
    for (const r of year) {
      for (const b of BET_TYPES) {
        const w = ledgerWinners(r.runners, b, JRA_TERMS, { fieldSizeAtSales: r.race.fieldSize });
        const ledger = w.pool === 'sold' ? [...w.combinations].sort().join(' ') : '';
        const paid = r.payouts.filter((p) => p.betType === b).map((p) => p.combination).sort().join(' ');
        if (ledger !== paid || (r.pools[b] !== undefined) !== (w.pool === 'sold')) problems.push(`${r.race.raceId} ${b}: ${paid} vs ${ledger} (${w.pool})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has rare dead heats (0.1-1% of races) whose payouts double the winners', () => {
    const heats = year.filter((r) => {
      const pos = r.runners.map((x) => x.finishPos).filter((p) => p !== null);
      return new Set(pos).size < pos.length;
    });
    expect(heats.length / year.length).toBeGreaterThan(0.001);
    expect(heats.length / year.length).toBeLessThan(0.01);
    const positions = new Set<number>();
    for (const r of heats) {
      const tied = r.runners.filter((x, _, all) => x.finishPos !== null && all.filter((y) => y.finishPos === x.finishPos).length === 2);
      const at = tied[0].finishPos as number;
      positions.add(at);
      const count = (b: BetType) => r.payouts.filter((p) => p.betType === b).length;
      expect(count('trifecta')).toBe(2);
      if (at === 1) expect([count('win'), count('exacta'), count('quinella')]).toEqual([2, 2, 1]);
      if (at === 3) expect([count('place'), count('wide'), count('trio')]).toEqual([4, 5, 2]);
      if (at === 2) expect([count('win'), count('exacta'), count('quinella'), count('trio')]).toEqual([1, 2, 2, 1]);
    }
    expect([...positions].sort()).toEqual([1, 2, 3]); // this seed's year has all three kinds
  });

  it('odds snapshots at post-60/-30/-10/-5 minutes converge toward the final odds', () => {
    const err = SNAPSHOT_SCHEDULE.map(() => 0);
    let n = 0;
    let wrongTimes = 0;
    for (const r of year.slice(0, 600)) {
      const finals = new Map(r.runners.filter(started).map((x) => [String(x.runner), x.winOddsFinal as number]));
      expect(r.oddsSnapshots.length).toBe(SNAPSHOT_SCHEDULE.length * finals.size);
      SNAPSHOT_SCHEDULE.forEach((s, k) => {
        const rows = r.oddsSnapshots.slice(k * finals.size, (k + 1) * finals.size);
        const post = Date.parse(`${r.race.postTime}:00Z`);
        for (const row of rows) {
          if ((post - Date.parse(`${row.at}Z`)) / 60000 !== s.minutesBefore) wrongTimes++;
          err[k] += Math.abs(Math.log(row.odds / (finals.get(row.combination) as number)));
        }
      });
      n += finals.size;
    }
    expect(wrongTimes).toBe(0);
    const mean = err.map((e) => e / n);
    for (let k = 1; k < mean.length; k++) expect(mean[k]).toBeLessThan(mean[k - 1]);
    expect(mean[mean.length - 1]).toBeLessThan(0.06);
  });
});

describe('generateRace(slot, seed, config) model predictions', () => {
  const slots = raceCalendar('2024-01-06', '2024-01-08');

  it('equal the truth at skill 1 and overconfidence 1', () => {
    const config = resolveSyntheticConfig({ modelSkill: 1, overconfidence: 1 });
    for (const slot of slots) {
      const r = generateRace(slot, 5, config, false);
      r.predictions.forEach((p, i) => expect(p.p).toBeCloseTo(r.truth[i].pTrue, 12));
    }
  });

  it('are uniform at skill 0 and sharper with overconfidence > 1', () => {
    const flat = generateRace(slots[0], 5, resolveSyntheticConfig({ modelSkill: 0 }), false);
    for (const p of flat.predictions) expect(p.p).toBeCloseTo(1 / flat.predictions.length, 12);
    const maxP = (overconfidence: number) =>
      sum(slots.map((s) => Math.max(...generateRace(s, 5, resolveSyntheticConfig({ overconfidence }), false).predictions.map((p) => p.p))));
    expect(maxP(2)).toBeGreaterThan(maxP(1));
  });

  it('correlate with the truth more at higher skill', () => {
    const corr = (modelSkill: number) => {
      const config = resolveSyntheticConfig({ modelSkill });
      const xs: number[] = [];
      const ys: number[] = [];
      for (const slot of slots) {
        const r = generateRace(slot, 9, config, false);
        r.predictions.forEach((p, i) => {
          xs.push(Math.log(p.p));
          ys.push(Math.log(r.truth[i].pTrue));
        });
      }
      const mx = sum(xs) / xs.length;
      const my = sum(ys) / ys.length;
      const cov = sum(xs.map((x, i) => (x - mx) * (ys[i] - my)));
      return cov / Math.sqrt(sum(xs.map((x) => (x - mx) ** 2)) * sum(ys.map((y) => (y - my) ** 2)));
    };
    expect(corr(0.9)).toBeGreaterThan(corr(0.5));
    expect(corr(0.9)).toBeGreaterThan(0.8);
  });
});
