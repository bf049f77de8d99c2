/**
 * The ledger on the real HKJC data (../shared/datasets/hkjc): import it with the hkjc importer,
 * run checkPayouts over every race, check HKJC's place terms against the raw dividends files
 * (the importer drops place and quinella place pools, which the files list only in part), and
 * settle hand-checked races to the dollar: a dead heat for 1st and a race with a veterinary
 * withdrawal. Skipped when the shared data is absent (outside CI).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetRows, PayoutRow, RunnerRow } from '../../src/data/rows.ts';
import { readUtf8Text } from '../../src/data/importers/delimited-text.ts';
import { importHkjc } from '../../src/data/importers/hkjc.ts';
import { newHkjcDividends, parseHkjcDividends, type HkjcDividendsAccumulator } from '../../src/data/importers/hkjc-dividends.ts';
import { Refusals } from '../../src/data/importers/refusals.ts';
import { checkPayouts } from '../../src/ledger/check-payouts.ts';
import { Ledger } from '../../src/ledger/ledger.ts';
import { HKJC_TERMS } from '../../src/ledger/index.ts';
import { settleRace, settleTicket, type RaceResult } from '../../src/ledger/settle.ts';
import { winningCombinations } from '../../src/ledger/index.ts';
import { formatCombination, type BetType } from '../../src/themis/tickets.ts';
import { sharedPath } from '../shared-data.ts';

const root = sharedPath('datasets/hkjc/data');
const DQ_RACE = 'HK-2017-06-21-HV-03';

function groupByRace<T extends { raceId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.raceId);
    if (list) list.push(r);
    else m.set(r.raceId, [r]);
  }
  return m;
}

describe.skipIf(!root)('the ledger on the shared HKJC data', () => {
  let rows: DatasetRows;
  let runnersByRace: Map<string, RunnerRow[]>;
  let payoutsByRace: Map<string, PayoutRow[]>;
  const race = (raceId: string): RaceResult => ({
    runners: runnersByRace.get(raceId)!,
    payouts: payoutsByRace.get(raceId) ?? [],
  });

  beforeAll(async () => {
    rows = (await importHkjc(root!, { skipBadRows: false })).rows;
    runnersByRace = groupByRace(rows.runners);
    payoutsByRace = groupByRace(rows.payouts);
  }, 180_000);

  it('checkPayouts(rows, HKJC_TERMS): every pool agrees except one race disqualified after the dividends', () => {
    const r = checkPayouts(rows, HKJC_TERMS);
    expect(r.ok).toBe(true);
    expect(r.races).toBe(6439);
    expect(r.summary).toEqual([
      { betType: 'win', checked: 6423, agree: 6422, anomaly: 1, disagree: 0 },
      { betType: 'quinella', checked: 6415, agree: 6414, anomaly: 1, disagree: 0 },
      { betType: 'exacta', checked: 2774, agree: 2774, anomaly: 0, disagree: 0 },
      { betType: 'trio', checked: 6416, agree: 6415, anomaly: 1, disagree: 0 },
      { betType: 'trifecta', checked: 6377, agree: 6376, anomaly: 1, disagree: 0 },
    ]);
    expect(r.findings.every((f) => f.raceId === DQ_RACE && f.anomaly === 'DISQUALIFIED_AFTER_DIVIDENDS')).toBe(true);
  });

  describe('HKJC terms against the raw dividends files', () => {
    let acc: HkjcDividendsAccumulator;
    beforeAll(async () => {
      acc = newHkjcDividends();
      const refusals = new Refusals(false);
      for (const year of readdirSync(root!).filter((d) => /^\d{4}$/.test(d)).sort()) {
        for (const f of readdirSync(join(root!, year)).filter((n) => n.startsWith('dividends_')).sort()) {
          const rel = `${year}/${f}`;
          parseHkjcDividends(await readUtf8Text(join(root!, rel), rel), rel, f.slice(10, 20), acc, refusals);
        }
      }
    }, 120_000);

    /**
     * Per bet type: the files list one row per pool, which must be the first derived winner in
     * finishing order; a refunded pool (退款) must be one the terms refund; a missing quinella
     * place pool must be one the terms do not sell.
     */
    function tally(betType: BetType) {
      const t = { firstRowAgrees: 0, refundAgrees: 0, notSoldAgrees: 0, disqualified: 0, disagree: [] as string[] };
      const fieldSize = new Map(rows.races.map((r) => [r.raceId, r.fieldSize]));
      for (const [raceId, runners] of runnersByRace) {
        const pools = acc.races.get(raceId)?.pools;
        if (pools === undefined) continue;
        const wc = winningCombinations(runners, betType, HKJC_TERMS, { fieldSizeAtSales: fieldSize.get(raceId)! });
        const entries = pools.get(betType);
        if (entries === undefined) {
          if (betType === 'wide') {
            if (wc.pool === 'not-sold') t.notSoldAgrees++;
            else t.disagree.push(`${raceId}: no pool, terms say ${wc.pool}`);
          }
          continue;
        }
        if (entries.some((e) => e.dividend.kind === 'refund')) {
          if (wc.pool === 'refunded') t.refundAgrees++;
          else t.disagree.push(`${raceId}: refunded, terms say ${wc.pool}`);
          continue;
        }
        const first = formatCombination(betType, entries[0].numbers);
        if (entries.length === 1 && wc.pool === 'sold' && wc.combinations[0] === first) t.firstRowAgrees++;
        else if (raceId === DQ_RACE) t.disqualified++;
        else t.disagree.push(`${raceId}: recorded ${first}, derived ${wc.pool} ${wc.combinations.join(' ')}`);
      }
      return t;
    }

    it('place: the recorded row is the first derived place winner (2 places with 4-6 starters, 3 with 7+)', () => {
      const t = tally('place');
      expect(t.disagree).toEqual([]);
      expect(t).toMatchObject({ firstRowAgrees: 6438, refundAgrees: 0, disqualified: 1 });
    });

    it('wide (quinella place): sold from 7 declared, refunded when withdrawals leave fewer than 7 starters', () => {
      const t = tally('wide');
      expect(t.disagree).toEqual([]);
      expect(t).toMatchObject({ firstRowAgrees: 6385, refundAgrees: 10, disqualified: 1 });
      expect(t.notSoldAgrees).toBe(43);
    });

    it('trio: refunded with 4 starters; win, quinella, exacta, trifecta: the first row is the first derived winner', () => {
      const trio = tally('trio');
      expect(trio.disagree).toEqual([]);
      expect(trio.refundAgrees).toBe(1);
      for (const bt of ['win', 'quinella', 'exacta', 'trifecta'] as const) {
        const t = tally(bt);
        expect(t.disagree, bt).toEqual([]);
        expect(t.refundAgrees, bt).toBe(0);
      }
    });
  });

  describe('hand-checked races settled to the dollar (HK$, payouts per HK$100 = dividend per HK$10 x 10)', () => {
    it('2016-05-01 Sha Tin race 2: 3 and 4 dead-heat for 1st, 12 third', () => {
      const r = race('HK-2016-05-01-ST-02');
      expect(winningCombinations(r.runners, 'win', HKJC_TERMS).combinations).toEqual(['3', '4']);
      // quinella 3,4 paid $814.50 per $10; trio 3,4,12 $2,337 per $10
      expect(settleTicket('quinella:4-3', 100, r, HKJC_TERMS)).toEqual({ kind: 'win', payoutYen: 8_145 });
      expect(settleTicket('trio:12-3-4', 300, r, HKJC_TERMS)).toEqual({ kind: 'win', payoutYen: 70_110 });
      expect(settleTicket('trio:3-4-6', 100, r, HKJC_TERMS)).toEqual({ kind: 'lose', payoutYen: 0 });
      // the files list only one of the two win dividends, so the importer dropped the pool:
      // settling a win ticket on either dead-heater refuses to guess
      expect(() => settleTicket('win:4', 100, r, HKJC_TERMS)).toThrow(
        expect.objectContaining({ code: 'LEDGER_MISSING_PAYOUT', raceId: 'HK-2016-05-01-ST-02', combination: '4' }),
      );
      expect(settleTicket('win:12', 100, r, HKJC_TERMS)).toEqual({ kind: 'lose', payoutYen: 0 });
    });

    it('2017-06-18 Sha Tin race 1: runner 1 withdrawn (WV), 6 starters of 7 declared', () => {
      const r = race('HK-2017-06-18-ST-01');
      const s = settleRace(
        [
          { ticketId: 'win:5', stakeYen: 1_000 }, // $10.50 per $10
          { ticketId: 'win:1', stakeYen: 500 }, // withdrawn: refunded
          { ticketId: 'quinella:5-6', stakeYen: 200 }, // $47 per $10
          { ticketId: 'trio:5-6-7', stakeYen: 100 }, // $69 per $10
          { ticketId: 'trifecta:5>6>7', stakeYen: 100 }, // $127 per $10
          { ticketId: 'trifecta:5>7>6', stakeYen: 100 },
          { ticketId: 'wide:5-6', stakeYen: 300 }, // quinella place refunded (6 starters)
        ],
        r,
        HKJC_TERMS,
      );
      expect(s.bets.map((b) => [b.ticketId, b.kind, b.payoutYen])).toEqual([
        ['win:5', 'win', 1_050],
        ['win:1', 'refund', 500],
        ['quinella:5-6', 'win', 940],
        ['trio:5-6-7', 'win', 690],
        ['trifecta:5>6>7', 'win', 1_270],
        ['trifecta:5>7>6', 'lose', 0],
        ['wide:5-6', 'refund', 300],
      ]);
      const l = new Ledger();
      l.deposit(2_300);
      for (const b of s.bets) l.stake(b.raceId, b.ticketId, b.stakeYen);
      l.recordSettlement(s);
      expect(l.bankrollYen()).toBe(1_050 + 500 + 940 + 690 + 1_270 + 300);
    });
  });

  it('a win ticket of HK$100 on every runner of every race with a win pool: the ledger sums exactly (the disqualification race refused)', () => {
    const l = new Ledger();
    let expected = 0;
    let bets = 0;
    for (const [raceId, runners] of runnersByRace) {
      const r = race(raceId);
      const win = r.payouts.filter((p) => p.betType === 'win');
      if (win.length === 0) continue;
      const stakes = runners.map((x) => ({ ticketId: `win:${x.runner}`, stakeYen: 100 }));
      if (raceId === DQ_RACE) {
        // the recorded win dividend went to the runner disqualified afterwards: settlement refuses
        expect(() => settleRace(stakes, r, HKJC_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_UNEXPECTED_PAYOUT' }));
        continue;
      }
      l.deposit(100 * stakes.length);
      for (const b of stakes) l.stake(raceId, b.ticketId, b.stakeYen);
      const s = settleRace(stakes, r, HKJC_TERMS);
      l.recordSettlement(s);
      bets += stakes.length;
      const withdrawn = runners.filter((x) => x.status === 'scratched' || x.status === 'excluded').length;
      expected += win.reduce((a, p) => a + p.payoutPer100, 0) + 100 * withdrawn;
    }
    expect(bets).toBeGreaterThan(70_000);
    expect(l.bankrollYen()).toBe(expected);
    expect(Ledger.fromSnapshot(l.snapshot()).bankrollYen()).toBe(expected);
  });
});
