/**
 * Pinned decisions of the joint Kelly path on three seeded mixed races (18, 14 and 10 runners, all
 * eight bet types, 230-250 tickets priced on a Harville distribution with noisy public odds): the
 * yen stakes, the growth, and the largest full-Kelly fractions, as computed before the solver's
 * speed work. Any change of solver must reproduce them (stakes exactly, fractions to 1e-9
 * relative, growth to 1e-12).
 */
import { describe, expect, it } from 'vitest';
import { combinationProbabilities, harvilleDistribution } from '../../src/strategies/index.ts';
import { allocate, decide, JRA_PAYOUT_RATES, parseConfig, type BetType, type RaceInput } from '../../src/themis/index.ts';

/** Three mixed races from a fixed linear congruential stream (no dependency on a RNG library). */
function pinnedRaces(): RaceInput[] {
  let state = 20261206;
  const rnd = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const races: RaceInput[] = [];
  for (const n of [18, 14, 10]) {
    const w = Array.from({ length: n }, () => Math.exp(2.4 * (rnd() + rnd() + rnd() - 1.5)));
    const s = w.reduce((a, b) => a + b, 0);
    const dist = harvilleDistribution(new Map(w.map((x, i) => [i + 1, x / s])));
    const bracketOf = (r: number): number => Math.min(8, Math.ceil((r * 8) / n));
    const probs = combinationProbabilities(dist, bracketOf);
    const perType: Record<BetType, number> = { win: n, place: n, bracket_quinella: 12, quinella: 30, wide: 30, exacta: 40, trio: 40, trifecta: 60 };
    const tickets: { id: string; odds: number }[] = [];
    for (const type of Object.keys(perType) as BetType[]) {
      const top = [...probs].filter(([id]) => id.startsWith(`${type}:`)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, perType[type]);
      for (const [id, q] of top) {
        const publicP = q * Math.exp(0.5 * (rnd() + rnd() + rnd() - 1.5) * 2);
        tickets.push({ id, odds: Math.max(1, Math.floor((JRA_PAYOUT_RATES[type] / publicP) * 10) / 10) });
      }
    }
    const brackets = new Map<number, number>(Array.from({ length: n }, (_, i) => [i + 1, bracketOf(i + 1)]));
    races.push({ tickets, finishOrder: dist, placesPaid: 3, brackets });
  }
  return races;
}

const EXPECTED = [
  {
    tickets: 248,
    bets: 'win:9=2500 win:7=2300 win:14=700 win:17=700 place:15=27200 place:10=6900 place:14=3800 place:4=2800 bracket_quinella:3-5=6400 bracket_quinella:3-3=3300 bracket_quinella:3-8=1700 quinella:3-6=2300 quinella:2-10=1000 wide:5-6=6500 wide:6-9=5600 wide:5-10=1400 wide:3-6=1200 wide:9-10=1700 wide:1-10=2100 wide:14-15=400 wide:6-17=300 exacta:15>6=3000 exacta:6>10=1400 exacta:5>6=1500 exacta:6>2=2600 exacta:2>6=2200 exacta:6>1=1500 exacta:6>14=600 exacta:2>5=700 exacta:6>13=600 exacta:5>9=500 exacta:15>1=100 exacta:15>3=200 trio:2-6-10=100 trio:5-10-15=500 trio:1-5-6=600 trio:3-5-6=200 trio:1-6-9=200 trio:2-5-10=100 trifecta:6>15>5=600 trifecta:2>15>6=100 trifecta:5>2>6=200',
    growth: 0.04682265440853402,
    fullGrowth: 0.21727730539379872,
    fullBets: 46,
    top: [['place:15', 0.2588874103413454], ['place:10', 0.05104045756030846], ['wide:5-6', 0.048428997229347605], ['bracket_quinella:3-5', 0.04732652299846586]],
  },
  {
    tickets: 240,
    bets: 'win:13=3600 win:7=2000 win:5=2000 win:9=1000 place:6=15000 place:7=1700 place:5=4900 bracket_quinella:3-4=100 quinella:12-13=1500 quinella:2-5=100 quinella:8-12=100 quinella:2-4=300 quinella:3-13=300 quinella:6-10=300 wide:2-13=24600 wide:2-6=17400 wide:2-7=7100 wide:2-8=6000 wide:2-10=3000 wide:6-8=800 wide:8-12=2100 wide:5-6=400 wide:2-4=800 exacta:12>6=500 exacta:1>2=200 exacta:12>7=300 trio:2-12-13=300 trio:2-9-12=800 trio:1-2-12=800 trifecta:12>2>13=200',
    growth: 0.0971629805634002,
    fullGrowth: 0.4165736584610449,
    fullBets: 33,
    top: [['wide:2-13', 0.21119086380495794], ['wide:2-6', 0.14186385576716215], ['place:6', 0.12230039093321632], ['wide:2-7', 0.05787528759696321]],
  },
  {
    tickets: 232,
    bets: 'win:4=1100 win:6=1500 place:9=23100 place:4=1100 bracket_quinella:4-8=7300 bracket_quinella:3-4=1800 bracket_quinella:4-5=600 quinella:1-5=8300 quinella:1-10=7900 quinella:1-8=3800 quinella:4-5=1200 quinella:1-4=500 quinella:1-3=900 quinella:4-9=200 quinella:3-10=600 quinella:2-10=400 quinella:3-8=300 wide:5-10=9800 wide:5-8=8200 wide:1-8=2700 wide:1-4=4500 wide:2-5=1200 exacta:1>5=2500 exacta:8>5=1000 exacta:5>4=800 exacta:9>10=200 exacta:4>1=300 exacta:8>10=600 exacta:3>1=300 trio:1-5-6=2200 trio:1-2-5=1300 trio:5-6-10=400 trio:2-5-10=300 trio:2-5-9=100 trio:5-6-8=100 trifecta:9>1>5=500 trifecta:10>9>5=300 trifecta:1>3>5=200',
    growth: 0.03984016398649702,
    fullGrowth: 0.21048529241176503,
    fullBets: 42,
    top: [['place:9', 0.21710181883573], ['wide:5-10', 0.08492184602623706], ['quinella:1-5', 0.072551673695925], ['wide:5-8', 0.07119494893463635]],
  },
];

describe('joint Kelly decisions pinned on mixed races', () => {
  const races = pinnedRaces();
  const config = parseConfig({ safetyFactor: 0.25 });
  const full = parseConfig({ safetyFactor: 1, maxFractionPerTicket: null, maxFractionPerRace: null });
  races.forEach((race, r) => {
    const want = EXPECTED[r];
    it(`race ${r + 1} (${want.tickets} tickets): the same yen stakes and growth`, () => {
      expect(race.tickets.length).toBe(want.tickets);
      const d = decide(race, 1_000_000, config);
      expect(d.bets.map((b) => `${b.id}=${b.stakeYen}`).join(' ')).toBe(want.bets);
      expect(Math.abs(d.growth - want.growth)).toBeLessThan(1e-12);
    });
    it(`race ${r + 1}: the same full-Kelly tickets, fractions and growth`, () => {
      const a = allocate(race, full);
      const bought = a.ids.flatMap((id, i) => (a.uncapped[i] > 0 ? [[id, a.uncapped[i]] as const] : []));
      expect(bought.length).toBe(want.fullBets);
      expect(Math.abs(a.growth - want.fullGrowth)).toBeLessThan(1e-12);
      for (const [id, f] of want.top as [string, number][]) {
        const i = a.ids.indexOf(id);
        expect(Math.abs(a.uncapped[i] - f) / f).toBeLessThan(1e-9);
      }
    });
  });
});
