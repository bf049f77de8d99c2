/**
 * decide and allocate on races with a finishing-order distribution (the columnar core: codes,
 * per-combination sums, candidates only) against the reference path, allocateChecked over the
 * whole race (hit lists of every ticket) after checkRace, then size: the same Decision and
 * Allocation to the last bit, and for bad input the same ThemisError (code, field, value,
 * message), on random mixed races with bad tickets, odds, probabilities, brackets and fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinationProbabilities, harvilleDistribution } from '../../src/strategies/index.ts';
import { allocateChecked } from '../../src/themis/allocate.ts';
import {
  allocate,
  BET_TYPES,
  decide,
  LEGS,
  ORDERED,
  parseConfig,
  parseTicketId,
  safeDecide,
  size,
  ThemisError,
  type AccountState,
  type BetType,
  type FinishOrderDistribution,
  type RaceInput,
  type ThemisConfig,
} from '../../src/themis/index.ts';
import { checkRace } from '../../src/themis/validate.ts';

function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** How a generated race may go wrong (each a small chance per ticket or per race). */
interface RaceShape {
  seed: number;
  runners: number;
  /** Saddle numbers of the field spread over 1..runners + gap (a gap leaves numbers outside the field). */
  gap: number;
  tickets: number;
  types: BetType[];
  /** Chance per ticket of a bad id, odds, given p, a number outside the field, a repeat. */
  bad: number;
  brackets: 'all' | 'none' | 'partial';
  placesPaid: 2 | 3 | undefined;
  /** Drop some outcomes, or give the field only two finishers per outcome. */
  outcomes: 'harville' | 'thinned' | 'two';
  pools: boolean;
}

function distributionOf(rnd: () => number, field: number[], outcomes: RaceShape['outcomes']): { dist: FinishOrderDistribution; full: FinishOrderDistribution } {
  const w = field.map(() => Math.exp(2 * (rnd() + rnd() + rnd() - 1.5)));
  const s = w.reduce((a, b) => a + b, 0);
  const full = harvilleDistribution(new Map(field.map((r, i) => [r, w[i] / s])));
  if (outcomes === 'harville') return { dist: full, full };
  const keep: number[] = [];
  for (let k = 0; k < full.prob.length; k++) if (outcomes === 'two' || rnd() < 0.7) keep.push(k);
  const pick = (a: Int32Array): Int32Array => Int32Array.from(keep, (k) => a[k]);
  const dist = {
    runners: full.runners,
    first: pick(full.first),
    second: pick(full.second),
    third: outcomes === 'two' ? new Int32Array(keep.length) : pick(full.third),
    prob: Float64Array.from(keep, (k) => full.prob[k]),
  };
  return { dist, full };
}

/** One ticket id of a bet type over saddle numbers 1..top, spelled in any accepted order; sometimes malformed. */
function idOf(rnd: () => number, type: BetType, top: number, bad: number): string {
  if (rnd() < bad / 3) return ['win:0', 'foo:3', 'quinella:3', 'win:03', 'trio:1-1-2', 'exacta:1-2', 'bracket_quinella:1-9', 'win:100'][Math.floor(rnd() * 8)];
  const legs = LEGS[type];
  const limit = type === 'bracket_quinella' ? 8 : top;
  const nums: number[] = [];
  while (nums.length < legs) {
    const x = 1 + Math.floor(rnd() * limit);
    if (type === 'bracket_quinella' || !nums.includes(x)) nums.push(x);
  }
  return `${type}:${nums.join(ORDERED[type] ? '>' : '-')}`;
}

function canonicalId(id: string): string {
  try {
    return parseTicketId(id).id;
  } catch {
    return id;
  }
}

function raceOf(shape: RaceShape): RaceInput {
  const rnd = stream(shape.seed);
  const top = shape.runners + shape.gap;
  const field: number[] = [];
  for (let r = 1; r <= top && field.length < shape.runners; r++) if (top - r < shape.runners - field.length || rnd() < 0.8) field.push(r);
  const { dist, full } = distributionOf(rnd, field, shape.outcomes);
  const inField = (r: number): number => field[(r - 1) % field.length];
  const bracketOf = (r: number): number => Math.min(8, 1 + Math.floor((field.indexOf(r) * 8) / field.length));
  const probs = combinationProbabilities(full, bracketOf);
  const tickets: { id: string; p?: number; odds: number; pool?: { poolTotalYen: number; poolOnTicketYen: number } }[] = [];
  const seen = new Set<string>();
  for (let t = 0; t < shape.tickets; t++) {
    const type = shape.types[Math.floor(rnd() * shape.types.length)];
    let id = idOf(rnd, type, top, shape.bad);
    // Mostly runners of the field and ids not yet used (a repeat, perhaps in another spelling, now and then).
    if (rnd() > Math.max(shape.bad, shape.gap > 0 ? 0.05 : 0) && /^[a-z_]+:[0-9>-]+$/.test(id) && type !== 'bracket_quinella') {
      const sep = ORDERED[type] ? '>' : '-';
      id = `${type}:${id.slice(id.indexOf(':') + 1).split(sep).map((x) => inField(Number(x))).join(sep)}`;
    }
    const canonical = canonicalId(id);
    if (seen.has(canonical) && rnd() > shape.bad) continue;
    seen.add(canonical);
    // Odds around the fair odds of the ticket, so that some are worth buying.
    const fair = probs.get(canonical) ?? 0;
    const r = rnd();
    const odds = r < shape.bad / 3 ? [0.5, Number.NaN, Infinity][Math.floor(rnd() * 3)] : Math.max(1, Math.floor((0.8 / Math.max(fair * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.5), 1e-4)) * 10) / 10);
    const ticket: (typeof tickets)[number] = { id, odds };
    const q = rnd();
    if (q < shape.bad / 3) ticket.p = [Number.NaN, 1.5, -0.1][Math.floor(rnd() * 3)];
    else if (q < 0.2) ticket.p = rnd();
    if (shape.pools && (type === 'win' || rnd() < 0.1)) {
      const total = 100_000 + Math.floor(rnd() * 5_000_000);
      ticket.pool = { poolTotalYen: total, poolOnTicketYen: 1 + Math.floor(rnd() * (total / 2)) };
    }
    tickets.push(ticket);
  }
  let brackets: Map<number, number> | undefined;
  if (shape.brackets !== 'none') {
    brackets = new Map();
    for (const r of field) if (shape.brackets === 'all' || rnd() < 0.8) brackets.set(r, bracketOf(r));
  }
  return { tickets, finishOrder: dist, placesPaid: shape.placesPaid, brackets };
}

const shapeArb: fc.Arbitrary<RaceShape> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  runners: fc.integer({ min: 3, max: 9 }),
  gap: fc.constantFrom(0, 0, 0, 2),
  tickets: fc.integer({ min: 0, max: 60 }),
  types: fc.subarray([...BET_TYPES], { minLength: 1 }),
  bad: fc.constantFrom(0, 0, 0, 0.005, 0.02, 0.2),
  brackets: fc.constantFrom('all', 'all', 'none', 'partial'),
  placesPaid: fc.constantFrom(undefined, 2, 3),
  outcomes: fc.constantFrom('harville', 'harville', 'thinned', 'two'),
  pools: fc.boolean(),
});

const configArb: fc.Arbitrary<ThemisConfig> = fc
  .record({
    safetyFactor: fc.constantFrom(0.1, 0.25, 1),
    evThreshold: fc.constantFrom(0, 1, 1.05, 1.2),
    betTypes: fc.oneof({ arbitrary: fc.constant([...BET_TYPES]), weight: 3 }, { arbitrary: fc.subarray([...BET_TYPES], { minLength: 1 }), weight: 1 }),
    maxFractionPerTicket: fc.constantFrom(null, 0.02, 0.05),
    maxFractionPerRace: fc.constantFrom(null, 0.1, 0.5),
    maxStakePerRaceYen: fc.constantFrom(null, 5_000),
    pointLimitPerDay: fc.constantFrom(null, 3, 9_000),
    poolImpact: fc.boolean(),
  })
  .map((c) => parseConfig(c));

const accountArb: fc.Arbitrary<AccountState | undefined> = fc.option(
  fc.record({ stakedTodayYen: fc.constantFrom(0, 50_000), pointsUsedToday: fc.constantFrom(0, 8_990), pointLimit: fc.constantFrom(null, 5) }),
  { nil: undefined },
);

/** The value or the ThemisError of a call (other errors propagate). */
function outcome<T>(f: () => T): { value: T } | { error: { code: string; field: string; value: unknown; message: string } } {
  try {
    return { value: f() };
  } catch (e) {
    if (!(e instanceof ThemisError)) throw e;
    return { error: { code: e.code, field: e.field, value: e.value, message: e.message } };
  }
}

describe('decide on a race with a distribution (columnar core) equals the reference path', () => {
  it('gives the same Decision and Allocation, or the same error, on random mixed races', () => {
    let decided = 0;
    let bought = 0;
    let failed = 0;
    fc.assert(
      fc.property(shapeArb, configArb, fc.constantFrom(0, 50_000, 1_000_000, 1_000_000, 1e8), accountArb, (shape, config, bankroll, account) => {
        const race = raceOf(shape);
        const reference = outcome(() => size(allocateChecked(checkRace(race), config), bankroll, config, account));
        const columnar = outcome(() => decide(race, bankroll, config, account));
        expect(columnar).toStrictEqual(reference);
        if ('value' in reference) {
          decided++;
          if (reference.value.bets.length > 0) bought++;
          expect(Object.is((columnar as { value: typeof reference.value }).value.growth, reference.value.growth)).toBe(true);
          expect(outcome(() => allocate(race, config))).toStrictEqual(outcome(() => allocateChecked(checkRace(race), config)));
        } else failed++;
        const safe = safeDecide(race, bankroll, config, account);
        expect(safe.ok).toBe('value' in reference);
      }),
      { numRuns: 600, seed: 20261206 },
    );
    // Both kinds are exercised, and races where something is bought.
    expect(decided).toBeGreaterThan(150);
    expect(bought).toBeGreaterThan(50);
    expect(failed).toBeGreaterThan(100);
  }, 120_000);

  it('gives the same Decision and Allocation on 18-runner races with every bet type', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = stream(seed);
      const field = Array.from({ length: 18 }, (_, i) => i + 1);
      const { dist } = distributionOf(rnd, field, 'harville');
      const bracketOf = (r: number): number => Math.min(8, Math.ceil(r / 2.25));
      const tickets = [...combinationProbabilities(dist, bracketOf)]
        .filter(() => rnd() < 0.15)
        .map(([id, q]) => ({ id, odds: Math.max(1, Math.floor((0.78 / (q * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.2))) * 10) / 10) }));
      const race: RaceInput = { tickets, finishOrder: dist, brackets: new Map(field.map((r) => [r, bracketOf(r)])) };
      for (const config of [parseConfig({ safetyFactor: 0.25 }), parseConfig({ safetyFactor: 1, evThreshold: 1.2, maxFractionPerRace: null })]) {
        const reference = size(allocateChecked(checkRace(race), config), 1_000_000, config);
        const decision = decide(race, 1_000_000, config);
        expect(reference.bets.length).toBeGreaterThan(0);
        expect(decision).toStrictEqual(reference);
        expect(Object.is(decision.growth, reference.growth)).toBe(true);
        expect(allocate(race, config)).toStrictEqual(allocateChecked(checkRace(race), config));
      }
    }
  });

  it('names the last ticket with a runner outside the field, before a bad outcome, as hitLists does', () => {
    const dist = harvilleDistribution(new Map([[1, 0.5], [2, 0.3], [3, 0.2]]));
    const broken = { ...dist, first: Int32Array.from(dist.first, (r, k) => (k === 4 ? 9 : r)) };
    const race: RaceInput = {
      tickets: [
        { id: 'trio:7-2-5', odds: 5 },
        { id: 'wide:2-1', odds: 2 },
        { id: 'quinella:8-6', odds: 9 },
      ],
      finishOrder: broken,
    };
    const config = parseConfig({});
    const reference = outcome(() => size(allocateChecked(checkRace(race), config), 100_000, config));
    expect(reference).toMatchObject({ error: { code: 'THEMIS_BAD_INPUT', field: 'ticket', value: 'quinella:6-8' } });
    expect(outcome(() => decide(race, 100_000, config))).toStrictEqual(reference);
    const fine: RaceInput = { ...race, tickets: [race.tickets[1]] };
    expect(outcome(() => decide(fine, 100_000, config))).toStrictEqual(outcome(() => size(allocateChecked(checkRace(fine), config), 100_000, config)));
    expect(outcome(() => decide(fine, 100_000, config))).toMatchObject({ error: { field: 'dist.first[4]', value: 9 } });
  });
});
