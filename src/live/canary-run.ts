/**
 * A running canary seen from the live runner: which config decides the next race (promote's
 * canaryRole on the race's ordinal in the canary period), the canary's own drawdown from the
 * ledger entries of the races it decided, and its observations fed to promote's state machine
 * (observeCanary) with an alert and an audit record on takeover or abort. The ordinal and the
 * bankroll at the canary's start are read back from the decision audit records, so a restart,
 * or the next day, continues the count. Layer: live; effects through the store, the promotion
 * history and alerts. Units: integer yen; drawdown as a ratio.
 */
import type { ThemisConfig } from '../themis/index.ts';
import type { Alerts } from './alerts.ts';
import type { Clock } from './clock.ts';
import type { LiveConfig } from './live-config.ts';
import { canaryRole, type CanaryRole } from './promote/canary.ts';
import { observeCanary, readPromotionState } from './promote/promote-config.ts';
import { isPromoteError } from './promote/promote-error.ts';
import type { RunningCanary } from './promote/promotion-history.ts';
import type { LiveStore } from './store/live-store.ts';

/** What a decision audit record carries about the canary period it falls in. */
export interface CanaryTag {
  /** The canary's config hash and the sequence number of the promotion that started it. */
  readonly configHash: string;
  readonly seq: number;
  /** 1-based position of the race among the races decided since the canary started. */
  readonly ordinal: number;
  /** Which config decided the race. */
  readonly role: CanaryRole;
  /** Ledger bankroll when the first race of the canary period was decided (yen). */
  readonly startBankrollYen: number;
}

/** The config that decides a race, and the canary tag when a canary runs. */
export interface DecidingConfig {
  readonly themis: ThemisConfig;
  readonly configHash: string;
  readonly canary?: CanaryTag;
}

/** Who the runner is in the promotion history. */
export const CANARY_ACTOR = 'live-runner';

/**
 * Peak-to-trough drawdown of `startYen` plus the cumulative sum of `amountsYen` (one net P&L
 * per race, in race order), as a ratio of the peak, clamped to [0, 1].
 * @example canaryDrawdown(1_000_000, [-100_000, 50_000, -200_000]) // 0.25
 */
export function canaryDrawdown(startYen: number, amountsYen: readonly number[]): number {
  let equity = startYen;
  let peak = startYen;
  let dd = 0;
  for (const a of amountsYen) {
    equity += a;
    if (equity > peak) peak = equity;
    if (peak > 0) dd = Math.max(dd, (peak - equity) / peak);
    else if (equity < peak) dd = 1;
  }
  return Math.min(1, Math.max(0, dd));
}

/** A canary period as the runner tracks it during one run. */
export class CanaryRun {
  private live: { themis: ThemisConfig; configHash: string };
  private canary: RunningCanary | undefined;
  private decidedInPeriod = 0;
  private startBankrollYen: number | undefined;
  private readonly canaryRaces: string[] = [];
  private lastObserved = 0;

  private constructor(
    private readonly ctx: { store: LiveStore; config: LiveConfig; clock: Clock; alerts: Alerts },
    canary: RunningCanary | undefined,
  ) {
    this.live = { themis: ctx.config.themis, configHash: ctx.config.configHash };
    this.canary = canary;
    if (canary === undefined) return;
    for (const r of ctx.store.auditRecords()) {
      if (r.kind !== 'decision') continue;
      const tag = r.data.canary as CanaryTag | undefined;
      if (tag === undefined || tag.seq !== canary.seq || tag.configHash !== canary.configHash) continue;
      this.decidedInPeriod = Math.max(this.decidedInPeriod, tag.ordinal);
      this.startBankrollYen ??= tag.startBankrollYen;
      if (tag.role === 'canary') this.canaryRaces.push(r.data.raceId as string);
    }
  }

  /**
   * Reads the promotion state of the book's folder. A history that cannot be read raises a
   * critical alert and the run decides every race with the live config.
   * @example const canary = CanaryRun.open({ store, config, clock, alerts });
   */
  static open(ctx: { store: LiveStore; config: LiveConfig; clock: Clock; alerts: Alerts }): CanaryRun {
    let canary: RunningCanary | undefined;
    try {
      canary = readPromotionState(ctx.store.dir).canary;
    } catch (e) {
      ctx.alerts.raise('critical', 'canary_unreadable', `the promotion history cannot be read (${e instanceof Error ? e.message : String(e)}): every race is decided by the live config`);
    }
    return new CanaryRun(ctx, canary);
  }

  /** Hash of the live config (the new one after a takeover). */
  get liveHash(): string {
    return this.live.configHash;
  }

  /** The running canary, if any: hash, plan and the races decided in its period so far. */
  get running(): { configHash: string; everyKthRace: number; races: number; maxDrawdown: number; decidedInPeriod: number } | undefined {
    const c = this.canary;
    return c === undefined ? undefined : { configHash: c.configHash, ...c.plan, decidedInPeriod: this.decidedInPeriod };
  }

  /**
   * The config that decides the next race to be decided (the ordinal advances only in
   * {@link decided}).
   * @param bankrollYen - the ledger bankroll now (kept as the canary's start on its first race)
   */
  next(bankrollYen: number): DecidingConfig {
    const c = this.canary;
    if (c === undefined) return this.live;
    const ordinal = this.decidedInPeriod + 1;
    const role = canaryRole(ordinal, c.plan);
    const tag: CanaryTag = { configHash: c.configHash, seq: c.seq, ordinal, role, startBankrollYen: this.startBankrollYen ?? bankrollYen };
    return role === 'canary' ? { themis: c.config, configHash: c.configHash, canary: tag } : { ...this.live, canary: tag };
  }

  /** Notes that the race was decided with `d` (after its decision is recorded). */
  decided(raceId: string, d: DecidingConfig): void {
    if (d.canary === undefined || this.canary === undefined || d.canary.seq !== this.canary.seq) return;
    this.decidedInPeriod = d.canary.ordinal;
    this.startBankrollYen ??= d.canary.startBankrollYen;
    if (d.canary.role === 'canary') this.canaryRaces.push(raceId);
  }

  /**
   * Counts the canary's settled races (no order in flight or unsettled) and, when the count
   * grew, reports them with the canary's drawdown to promote; on takeover the canary becomes
   * the live config, on abort it stops; either raises an alert and writes an audit record.
   */
  observe(): void {
    const c = this.canary;
    if (c === undefined || this.startBankrollYen === undefined) return;
    const { store, clock, alerts } = this.ctx;
    const open = new Set([...store.unsettledOrders(), ...store.ordersInFlight()].map((o) => o.raceId));
    const settled = new Set(this.canaryRaces.filter((r) => !open.has(r)));
    if (settled.size <= this.lastObserved) return;
    // One P&L per race (stakes, refunds and payouts netted), in the order the races were staked.
    const perRace = new Map<string, number>();
    for (const e of store.ledgerEntries()) {
      if (e.raceId !== null && settled.has(e.raceId)) perRace.set(e.raceId, (perRace.get(e.raceId) ?? 0) + e.amountYen);
    }
    const amounts = [...perRace.values()];
    const obs = { racesObserved: settled.size, maxDrawdown: canaryDrawdown(this.startBankrollYen, amounts) };
    let result: ReturnType<typeof observeCanary>;
    try {
      result = observeCanary(store.dir, obs, { by: CANARY_ACTOR, nowMs: clock.now() });
    } catch (e) {
      if (isPromoteError(e) && e.code === 'PROMOTE_NO_CANARY') {
        // Ended outside this run (a rollback, the drawdown halt's rollback): the live config decides.
        this.canary = undefined;
        return;
      }
      alerts.raise('warn', 'canary_observe_failed', `canary ${c.configHash.slice(0, 12)}: its observation could not be recorded (${e instanceof Error ? e.message : String(e)}); retried after the next settlement`);
      return;
    }
    this.lastObserved = obs.racesObserved;
    const { action, reason } = result.decision;
    if (action === 'continue') return;
    const data = { configHash: c.configHash, fromConfigHash: this.live.configHash, ...obs, reason, promotionSeq: result.record?.seq ?? null };
    if (action === 'takeover') {
      store.audit(clock.now(), 'canary_takeover', data);
      alerts.raise('info', 'canary_takeover', `canary ${c.configHash.slice(0, 12)} took over: ${reason}; later races are decided by it`);
      this.live = { themis: c.config, configHash: c.configHash };
    } else {
      store.audit(clock.now(), 'canary_abort', data);
      alerts.raise('warn', 'canary_abort', `canary ${c.configHash.slice(0, 12)} aborted: ${reason}; later races are decided by the live config ${this.live.configHash.slice(0, 12)}`);
    }
    this.canary = undefined;
  }
}
