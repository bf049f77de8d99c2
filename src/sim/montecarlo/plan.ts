/**
 * Stage 1 of Themis precomputed for the Monte Carlo kernel: for every (race, config) the
 * tickets Themis `allocate` buys and their fractions, in flat typed arrays, plus the alias
 * tables of the winner draws. Layer: sim (imports themis). Units: fractions of the bankroll,
 * payouts per 100 yen (round(odds * 100)), integer yen. Pure.
 */
import { allocate, type RaceInput, type TicketInput, ThemisError } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import type { RacePool } from '../sources/race-pool.ts';
import type { BootstrapDraws } from './bootstrap-draws.ts';
import type { GridConfig } from './grid.ts';
import { checkKernelSupport, maxTicketsPerDay } from './kernel-support.ts';

/**
 * Everything the kernel needs, as transferable typed arrays. Configs fall into classes by EV
 * threshold; in a race the configs of one class share their candidate tickets (runners and
 * payouts) and differ only in fractions, so a group finds the winner's ticket once for all.
 */
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
  /** Configs of EV-threshold class h are members memberStart[h] .. memberStart[h+1] (rank = position in the class). */
  readonly memberStart: Int32Array;
  readonly memberConfig: Int32Array;
  /** Groups of race r are groupStart[r] .. groupStart[r+1]; a group is one threshold class's candidate tickets in a race. */
  readonly groupStart: Int32Array;
  /** Threshold class of each group. */
  readonly groupClass: Int32Array;
  /** Tickets of group g are groupTicketStart[g] .. groupTicketStart[g+1]. */
  readonly groupTicketStart: Int32Array;
  /** Local runner index of each ticket (0 = first runner of the race). */
  readonly ticketRunner: Int32Array;
  /** Payout per 100 yen staked: round(odds * 100). */
  readonly ticketPayPer100: Float64Array;
  /**
   * Fractions of group g with m tickets: member of rank q, ticket j at
   * groupFraction[groupFractionStart[g] + q * m + j], exactly as Themis `allocate` returns them.
   */
  readonly groupFractionStart: Int32Array;
  readonly groupFraction: Float64Array;
  /** Bankroll stop per config: nothing is bought below max(minBankrollYen, 100). */
  readonly stopYen: Float64Array;
  /**
   * Set for a bootstrap of recorded races (bootstrap-plan.ts): `races` is then the path length,
   * race data is indexed by pool race, the path's races are drawn by these blocks, and
   * ticketPayPer100 is what a 100-yen ticket really returned in its race (no winner is drawn).
   */
  readonly bootstrap?: BootstrapDraws;
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

  const groupStart = new Int32Array(R + 1);
  const groupClass: number[] = [];
  const groupTicketStart: number[] = [0];
  const ticketRunner: number[] = [];
  const ticketPay: number[] = [];
  const groupFractionStart: number[] = [];
  const groupFraction: number[] = [];
  // Threshold classes (configs not buying win tickets never bet and belong to none), first-seen order.
  const byThreshold = new Map<number, number[]>();
  for (let c = 0; c < C; c++) {
    const config = configs[c].config;
    if (!config.betTypes.includes('win')) continue;
    const list = byThreshold.get(config.evThreshold);
    if (list === undefined) byThreshold.set(config.evThreshold, [c]);
    else list.push(c);
  }
  const classes = [...byThreshold.entries()];
  const memberStart = [0];
  const memberConfig: number[] = [];
  for (const [, members] of classes) {
    memberConfig.push(...members);
    memberStart.push(memberConfig.length);
  }
  const localIndex = new Map<number, number>();
  for (let r = 0; r < R; r++) {
    localIndex.clear();
    for (let i = off[r]; i < off[r + 1]; i++) localIndex.set(pool.runner[i], i - off[r]);
    let groups = 0;
    for (let h = 0; h < classes.length; h++) {
      const [threshold, members] = classes[h];
      const race = themisRace(pool, r, threshold);
      const m = race.tickets.length;
      if (m === 0) continue;
      const fractions: number[] = [];
      let any = false;
      for (const c of members) {
        let a;
        try {
          a = allocate(race, configs[c].config);
        } catch (e) {
          if (e instanceof ThemisError) throw new SimError('SIM_BAD_POOL', `Themis refuses the race: ${e.message}`, { race: pool.raceIds[r], field: e.field, value: e.value });
          throw e;
        }
        for (let k = 0; k < m; k++) {
          fractions.push(a.fraction[k]);
          if (a.fraction[k] > 0) any = true;
        }
      }
      if (!any) continue;
      groupClass.push(h);
      groupFractionStart.push(groupFraction.length);
      for (const f of fractions) groupFraction.push(f);
      for (const t of race.tickets) {
        ticketRunner.push(localIndex.get(Number(t.id.slice(4))) as number);
        ticketPay.push(Math.round(t.odds * 100));
      }
      groupTicketStart.push(ticketRunner.length);
      groups++;
    }
    groupStart[r + 1] = groupStart[r] + groups;
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
    memberStart: Int32Array.from(memberStart),
    memberConfig: Int32Array.from(memberConfig),
    groupStart,
    groupClass: Int32Array.from(groupClass),
    groupTicketStart: Int32Array.from(groupTicketStart),
    ticketRunner: Int32Array.from(ticketRunner),
    ticketPayPer100: Float64Array.from(ticketPay),
    groupFractionStart: Int32Array.from(groupFractionStart),
    groupFraction: Float64Array.from(groupFraction),
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
