/**
 * The dead-heat rules against real JRA payouts (../shared/datasets/jra-yamadorinaruho: every
 * JRA race of 2024-01 to 2025-01, all winning combinations of every pool, no per-runner rows).
 * The finishing positions of the placed runners are read off the trifecta pool (a tie shows as
 * several trifecta combinations), then checkPayouts derives win, place, quinella, wide, exacta
 * and trio from them and compares with the recorded pools. The source has no field sizes or
 * brackets: bracket quinella is left out, and the place pool's 2 or 3 places are read from the
 * place pool itself (so place checks only the dead-heat rule, not the field-size term).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importNetkeibaPayouts } from '../../src/data/importers/netkeiba-payouts.ts';
import type { DatasetRows, PayoutRow, RaceRow, RunnerRow } from '../../src/data/rows.ts';
import { checkPayouts } from '../../src/ledger/check-payouts.ts';
import { JRA_TERMS } from '../../src/ledger/index.ts';
import { settleRace } from '../../src/ledger/settle.ts';
import { sharedPath } from '../shared-data.ts';

const root = sharedPath('datasets/jra-yamadorinaruho/common/data/raw_csv');

/** Runner rows of the placed runners, positions from the trifecta combinations. */
function placedRunners(raceId: string, trifecta: readonly PayoutRow[]): RunnerRow[] {
  const pos = new Map<number, number>();
  for (const p of trifecta) {
    p.combination.split('>').forEach((n, i) => pos.set(Number(n), Math.min(pos.get(Number(n)) ?? 99, i + 1)));
  }
  return [...pos].map(([runner, finishPos]) => ({ raceId, runner, bracket: null, status: 'ran', finishPos, winOddsFinal: null, popularity: null }));
}

describe.skipIf(!root)('dead heats and pools against the JRA payouts 2024-01 .. 2025-01', () => {
  let data: DatasetRows;
  beforeAll(async () => {
    const rows = (await importNetkeibaPayouts(root!, { skipBadRows: false })).rows;
    const byRace = new Map<string, PayoutRow[]>();
    for (const p of rows.payouts) {
      if (p.betType === 'bracket_quinella') continue;
      const l = byRace.get(p.raceId);
      if (l) l.push(p);
      else byRace.set(p.raceId, [p]);
    }
    const races: RaceRow[] = [];
    const runners: RunnerRow[] = [];
    for (const race of rows.races) {
      const ps = byRace.get(race.raceId) ?? [];
      const rs = placedRunners(race.raceId, ps.filter((p) => p.betType === 'trifecta'));
      const placeCount = ps.filter((p) => p.betType === 'place').length;
      const top3 = rs.filter((r) => (r.finishPos as number) <= 3).length;
      // 2 places paid with fewer winners than runners in the top 3: 7 or fewer declared
      races.push({ ...race, fieldSize: placeCount < top3 ? 7 : 18 });
      runners.push(...rs);
    }
    data = { races, runners, payouts: [...byRace.values()].flat() };
  }, 60_000);

  it('checkPayouts: every pool of every race agrees (dead heats at 1st, 2nd and 3rd included)', () => {
    const r = checkPayouts(data, JRA_TERMS);
    expect(r.findings).toEqual([]);
    expect(r.races).toBe(3694);
    expect(r.summary.map((s) => [s.betType, s.checked, s.agree])).toEqual([
      ['win', 3694, 3694],
      ['place', 3694, 3694],
      ['quinella', 3694, 3694],
      ['wide', 3694, 3694],
      ['exacta', 3694, 3694],
      ['trio', 3694, 3694],
      ['trifecta', 3694, 3694],
    ]);
  });

  it('settleRace on the dead heat for 3rd of race 202403030112 pays all four placed runners', () => {
    const raceId = '202403030112';
    const race = { runners: data.runners.filter((r) => r.raceId === raceId), payouts: data.payouts.filter((p) => p.raceId === raceId), fieldSizeAtSales: 18 };
    const bets = ['place:2', 'place:3', 'place:5', 'place:11', 'wide:2-5', 'trio:2-3-11', 'trio:3-5-11', 'trifecta:3>11>5'].map((ticketId) => ({ ticketId, stakeYen: 100 }));
    const s = settleRace(bets, race, JRA_TERMS);
    expect(s.bets.map((b) => b.kind)).toEqual(['win', 'win', 'win', 'win', 'lose', 'win', 'win', 'win']);
    const paid = (bt: string, c: string) => race.payouts.find((p) => p.betType === bt && p.combination === c)!.payoutPer100;
    expect(s.winningsYen).toBe(
      paid('place', '2') + paid('place', '3') + paid('place', '5') + paid('place', '11') + paid('trio', '2-3-11') + paid('trio', '3-5-11') + paid('trifecta', '3>11>5'),
    );
  });
});
