/**
 * Stage 1 of Themis precomputed for the Monte Carlo kernel: for every (race, config) the
 * tickets Themis `allocate` buys and their fractions, in flat typed arrays, plus the alias
 * tables of the winner draws. Layer: sim (imports themis). Units: fractions of the bankroll,
 * payouts per 100 yen (round(odds * 100)), integer yen. Pure.
 */
import { allocate, type RaceInput, type TicketInput, ThemisError } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import type { RacePool } from '../sources/race-pool.ts';
import type { GridConfig } from './grid.ts';
import { checkKernelSupport, maxTicketsPerDay } from './kernel-support.ts';

/** Everything the kernel needs, as transferable typed arrays. */
export interface KernelPlan {
  readonly races: number;
  readonly configs: number;
  readonly bankrollYen: number;
  /** A path is ruined when its bankroll falls below this (yen). */
  readonly ruinYen: number;
  readonly raceOffsets: Int32Array;
  /** Vose alias tables over p_true, per runner row (local indices). */
  readonly aliasProb: Float64Array;
  readonly aliasIndex: Int32Array;
  /** Entries of race r are entryStart[r] .. entryStart[r+1]: one per config that buys something. */
  readonly entryStart: Int32Array;
  readonly entryConfig: Int32Array;
  /** Tickets of entry e are ticketStart[e] .. ticketStart[e+1]. */
  readonly ticketStart: Int32Array;
  /** Local runner index (0 = first runner of the race). */
  readonly ticketRunner: Int32Array;
  /** The allocation's fraction, exactly as Themis `allocate` returns it. */
  readonly ticketFraction: Float64Array;
  /** Payout per 100 yen staked: round(odds * 100). */
  readonly ticketPayPer100: Float64Array;
  /** Bankroll stop per config: nothing is bought below max(minBankrollYen, 100). */
  readonly stopYen: Float64Array;
}

/**
 * The Themis race of one (race, config): the win tickets whose `p_model * odds` clears the
 * config's threshold (Themis allocates over exactly these candidates; the others get 0, so
 * leaving them out changes nothing and keeps rounding noise of the pool's sums out of Themis).
 * @throws nothing
 * @example themisRace(pool, 0, 1.05).tickets[0].id // 'win:4'
 */
export function themisRace(pool: RacePool, race: number, evThreshold: number): RaceInput {
  const tickets: TicketInput[] = [];
  for (let i = pool.raceOffsets[race]; i < pool.raceOffsets[race + 1]; i++) {
    const p = pool.pModel[i];
    const o = pool.odds[i];
    if (p * o > evThreshold) tickets.push({ id: `win:${pool.runner[i]}`, p, odds: o });
  }
  return { tickets };
}

/**
 * Builds the kernel plan: alias tables on p_true and Themis `allocate` per (race, config).
 * Cost O(races x configs x runners).
 * @param pool - the races
 * @param configs - the grid (each checked with checkKernelSupport)
 * @param bankrollYen - the starting bankroll, integer yen >= 100
 * @param ruinLevel - ruin level as a fraction of the start, in [0, 1)
 * @throws SimError SIM_UNSUPPORTED_CONFIG for a config the kernel cannot size exactly;
 *   SIM_BAD_POOL when Themis refuses a race (naming it)
 * @example buildPlan(binaryGamePool(0.35, 3.5, 10), buildGrid(...), 1_000_000, 0.1).races // 10
 */
export function buildPlan(pool: RacePool, configs: readonly GridConfig[], bankrollYen: number, ruinLevel: number): KernelPlan {
  const perDay = maxTicketsPerDay(pool);
  for (const g of configs) checkKernelSupport(g.config, g.index, perDay);
  const R = pool.raceIds.length;
  const C = configs.length;
  const off = pool.raceOffsets;
  const { aliasProb, aliasIndex } = buildAliasTables(pool.pTrue, off);

  const entryStart = new Int32Array(R + 1);
  const entryConfig: number[] = [];
  const ticketStart: number[] = [0];
  const ticketRunner: number[] = [];
  const ticketFraction: number[] = [];
  const ticketPay: number[] = [];
  const localIndex = new Map<number, number>();
  for (let r = 0; r < R; r++) {
    localIndex.clear();
    for (let i = off[r]; i < off[r + 1]; i++) localIndex.set(pool.runner[i], i - off[r]);
    const cache = new Map<number, RaceInput>();
    for (let c = 0; c < C; c++) {
      const config = configs[c].config;
      if (!config.betTypes.includes('win')) continue;
      let race = cache.get(config.evThreshold);
      if (race === undefined) {
        race = themisRace(pool, r, config.evThreshold);
        cache.set(config.evThreshold, race);
      }
      if (race.tickets.length === 0) continue;
      let a;
      try {
        a = allocate(race, config);
      } catch (e) {
        if (e instanceof ThemisError) throw new SimError('SIM_BAD_POOL', `Themis refuses the race: ${e.message}`, { race: pool.raceIds[r], field: e.field, value: e.value });
        throw e;
      }
      let any = false;
      for (let k = 0; k < a.ids.length; k++) {
        const f = a.fraction[k];
        if (!(f > 0)) continue;
        any = true;
        const number = Number(a.ids[k].slice(4));
        ticketRunner.push(localIndex.get(number) as number);
        ticketFraction.push(f);
        ticketPay.push(Math.round(a.odds[k] * 100));
      }
      if (any) {
        entryConfig.push(c);
        ticketStart.push(ticketRunner.length);
      }
    }
    entryStart[r + 1] = entryConfig.length;
  }
  const stopYen = new Float64Array(C);
  for (let c = 0; c < C; c++) stopYen[c] = Math.max(configs[c].config.minBankrollYen, 100);
  return {
    races: R,
    configs: C,
    bankrollYen,
    ruinYen: ruinLevel * bankrollYen,
    raceOffsets: off.slice(),
    aliasProb,
    aliasIndex,
    entryStart,
    entryConfig: Int32Array.from(entryConfig),
    ticketStart: Int32Array.from(ticketStart),
    ticketRunner: Int32Array.from(ticketRunner),
    ticketFraction: Float64Array.from(ticketFraction),
    ticketPayPer100: Float64Array.from(ticketPay),
    stopYen,
  };
}

/**
 * Vose alias tables per race over `p` (normalised per race): draw u in [0, 1), i = floor(u n),
 * winner = (u n - i) < prob[i] ? i : alias[i]. Deterministic. Cost O(runners).
 * @throws nothing
 * @example buildAliasTables(Float64Array.of(0.5, 0.5), Int32Array.of(0, 2)).aliasProb // [1, 1]
 */
export function buildAliasTables(p: Float64Array, off: Int32Array): { aliasProb: Float64Array; aliasIndex: Int32Array } {
  const aliasProb = new Float64Array(p.length);
  const aliasIndex = new Int32Array(p.length);
  for (let r = 0; r + 1 < off.length; r++) {
    const a = off[r];
    const n = off[r + 1] - a;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += p[a + i];
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (p[a + i] / sum) * n;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large[large.length - 1];
      aliasProb[a + s] = scaled[s];
      aliasIndex[a + s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        large.pop();
        small.push(l);
      }
    }
    for (const l of large) {
      aliasProb[a + l] = 1;
      aliasIndex[a + l] = l;
    }
    for (const s of small) {
      aliasProb[a + s] = 1;
      aliasIndex[a + s] = s;
    }
  }
  return { aliasProb, aliasIndex };
}
