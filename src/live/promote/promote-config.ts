/**
 * `keiba promote` as library calls: promote a config on evidence (all gates, then one history
 * record and promoted.json, or nothing at all), roll back, feed a canary's observations, and
 * report the status. Layer: live (promote); not pure (state folder files). The clock time and
 * the operator's name are passed in. Times ISO UTC.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { ThemisConfig } from '../../themis/index.ts';
import { readPromoted, type PromotedRecord } from '../promoted.ts';
import { decideCanary, type CanaryDecision, type CanaryObservation } from './canary.ts';
import { evaluateGates, failedGates, type GateResult } from './gates.ts';
import {
  appendPromotionRecord,
  promotedRecordOf,
  promotionState,
  readPromotionHistory,
  syncPromoted,
  withPromotionLock,
  type EvidenceRef,
  type PromotionRecord,
  type PromotionState,
} from './promotion-history.ts';
import { PromoteError } from './promote-error.ts';
import type { PromotionPolicy } from './promotion-policy.ts';
import type { RaceDay } from './race-calendar.ts';
import { readEvidence } from './read-evidence.ts';

/** Who acts and when. */
export interface Actor {
  readonly by: string;
  readonly nowMs: number;
}

/** Options of {@link promoteConfig}. */
export interface PromoteOptions extends Actor {
  readonly stateDir: string;
  readonly config: ThemisConfig;
  readonly configHash: string;
  readonly evidenceDirs: readonly string[];
  readonly policy: PromotionPolicy;
  /** Race days for the freeze gate, or null. */
  readonly calendar: readonly RaceDay[] | null;
  /** The operator's reason (recorded); required with force. */
  readonly reason?: string;
  /** Override the freeze gate (needs a reason, recorded). */
  readonly force?: boolean;
}

/** Result of {@link promoteConfig}. */
export interface PromoteResult {
  readonly accepted: boolean;
  readonly gates: readonly GateResult[];
  /** The gates that refused it (empty when accepted). */
  readonly failed: readonly GateResult[];
  /** The record written (accepted only). */
  readonly record?: PromotionRecord;
  /** 'live' when it took over at once, 'canary' when it runs as a canary first. */
  readonly status?: 'live' | 'canary';
}

/** The loaded state: records, derived state, and a promoted.json the history does not explain yet. */
interface Loaded {
  readonly records: PromotionRecord[];
  readonly state: PromotionState;
  readonly external: PromotedRecord | undefined;
}

function load(stateDir: string): Loaded {
  const records = readPromotionHistory(stateDir);
  const state = promotionState(records);
  const external = records.length === 0 ? readPromoted(stateDir) : undefined;
  return { records, state, external };
}

/** The live config as the gates see it: from the history, or an existing promoted.json without history. */
function currentOf(l: Loaded): { configHash: string; config: ThemisConfig } | undefined {
  return l.state.current ?? (l.external !== undefined ? { configHash: l.external.configHash, config: l.external.config } : undefined);
}

/**
 * Appends adopt records for a promoted.json written before there was a history: its earlier
 * configs oldest first, then its current one, so a rollback can return to them.
 */
function adoptExternal(stateDir: string, l: Loaded, actor: Actor): Loaded {
  const ext = l.external;
  if (ext === undefined) return l;
  const records = [...l.records];
  let state = l.state;
  for (const e of [...(ext.previous ?? [])].reverse().concat([ext])) {
    const rec = appendPromotionRecord(stateDir, state, {
      kind: 'adopt',
      at: new Date(actor.nowMs).toISOString(),
      by: actor.by,
      reason: `adopted from the existing promoted.json (${e === ext ? 'current' : 'earlier'} config, since ${e.since})`,
      configHash: e.configHash,
      config: e.config,
      fromConfigHash: state.current?.configHash ?? null,
    });
    records.push(rec);
    state = promotionState(records);
  }
  return { records, state, external: undefined };
}

/**
 * Promotes a config: reads the evidence, evaluates every gate and, only when none refuses,
 * appends a `promote` record (config, hash, evidence hashes, gates, who, when, reason) and
 * rewrites promoted.json. A refusal changes nothing.
 * @throws PromoteError PROMOTE_BAD_OPTION (--force without a reason), PROMOTE_HISTORY_BROKEN, PROMOTE_BUSY;
 *   LiveError LIVE_BAD_PROMOTED_RECORD for a bad existing promoted.json
 * @example promoteConfig({ stateDir: 'state', config, configHash: hash, evidenceDirs: ['bt', 'sw'], policy, calendar, by: 'ops', nowMs: Date.now() }).accepted
 */
export function promoteConfig(o: PromoteOptions): PromoteResult {
  const reason = o.reason?.trim() ?? '';
  if (o.force === true && reason === '') throw new PromoteError('PROMOTE_BAD_OPTION', '--force needs --reason TEXT (the reason is recorded)', { field: 'reason' });
  const evidence = readEvidence(o.evidenceDirs);
  const judge = (l: Loaded): GateResult[] =>
    evaluateGates({
      configHash: o.configHash,
      config: o.config,
      evidence,
      policy: o.policy,
      current: currentOf(l),
      canary: l.state.canary,
      nowMs: o.nowMs,
      calendar: o.calendar,
      force: o.force === true ? { reason } : null,
    });
  if (!existsSync(o.stateDir)) {
    // A refusal must not even create the state folder.
    const gates = judge(load(o.stateDir));
    const failed = failedGates(gates);
    if (failed.length > 0) return { accepted: false, gates, failed };
    mkdirSync(o.stateDir, { recursive: true });
  }
  return withPromotionLock(o.stateDir, () => {
    let l = load(o.stateDir);
    const gates = judge(l);
    const failed = failedGates(gates);
    if (failed.length > 0) return { accepted: false, gates, failed };
    l = adoptExternal(o.stateDir, l, o);
    const from = l.state.current;
    const canary = from !== undefined && from.configHash !== o.configHash ? o.policy.canary : null;
    const refs: EvidenceRef[] = [
      ...evidence.backtests.map((b) => ({ kind: 'backtest' as const, dir: b.dir, summarySha256: b.summarySha256, datasetHash: b.datasetHash })),
      ...evidence.sweeps.map((s) => ({ kind: 'sweep' as const, dir: s.dir, summarySha256: s.summarySha256, datasetHash: s.sourceHash })),
    ];
    const record = appendPromotionRecord(o.stateDir, l.state, {
      kind: 'promote',
      at: new Date(o.nowMs).toISOString(),
      by: o.by,
      reason: reason === '' ? null : reason,
      configHash: o.configHash,
      config: o.config,
      fromConfigHash: from?.configHash ?? null,
      evidence: refs,
      gates,
      forced: gates.some((g) => g.overridden === true),
      canary,
    });
    const records = [...l.records, record];
    syncPromoted(o.stateDir, promotionState(records), records);
    return { accepted: true, gates, failed: [], record, status: canary === null ? 'live' : 'canary' };
  });
}

/**
 * Rolls back: aborts a running canary, else returns to the previous accepted config (the live
 * runner's drawdown halt calls this too). Appends a `rollback` record and rewrites promoted.json.
 * @throws PromoteError PROMOTE_NOTHING_TO_ROLL_BACK, PROMOTE_HISTORY_BROKEN, PROMOTE_BUSY
 * @example rollbackPromotion('state', { by: 'live-runner', nowMs: Date.now(), reason: 'drawdown halt' }).configHash
 */
export function rollbackPromotion(stateDir: string, o: Actor & { reason: string }): PromotionRecord {
  if (!existsSync(stateDir)) throw new PromoteError('PROMOTE_NOTHING_TO_ROLL_BACK', `${stateDir} does not exist: nothing was promoted there`, { field: 'state', value: stateDir });
  return withPromotionLock(stateDir, () => {
    const l = adoptExternal(stateDir, load(stateDir), o);
    const { state } = l;
    const cur = state.current;
    const at = new Date(o.nowMs).toISOString();
    let record: PromotionRecord;
    if (state.canary !== undefined) {
      if (cur === undefined) throw new PromoteError('PROMOTE_HISTORY_BROKEN', 'a canary runs without a current config');
      record = appendPromotionRecord(stateDir, state, { kind: 'rollback', at, by: o.by, reason: o.reason, configHash: cur.configHash, fromConfigHash: state.canary.configHash, abortedCanary: true });
    } else {
      if (state.accepted.length < 2) {
        throw new PromoteError('PROMOTE_NOTHING_TO_ROLL_BACK', cur === undefined ? 'nothing is promoted: nothing to roll back' : `config ${cur.configHash.slice(0, 12)} is the first accepted config: there is no earlier one to roll back to`, { field: 'state', value: stateDir });
      }
      const back = state.accepted[state.accepted.length - 2];
      record = appendPromotionRecord(stateDir, state, { kind: 'rollback', at, by: o.by, reason: o.reason, configHash: back.configHash, fromConfigHash: cur?.configHash ?? null, abortedCanary: false });
    }
    const records = [...l.records, record];
    syncPromoted(stateDir, promotionState(records), records);
    return record;
  });
}

/**
 * Feeds what the runner observed of the running canary to the state machine; on takeover or
 * abort appends the record and rewrites promoted.json.
 * @throws PromoteError PROMOTE_NO_CANARY when no canary runs, PROMOTE_HISTORY_BROKEN, PROMOTE_BUSY
 * @example observeCanary('state', { racesObserved: 48, maxDrawdown: 0.03 }, { by: 'live-runner', nowMs }).decision.action // 'takeover'
 */
export function observeCanary(stateDir: string, obs: CanaryObservation, o: Actor): { decision: CanaryDecision; record?: PromotionRecord } {
  return withPromotionLock(stateDir, () => {
    const l = load(stateDir);
    const c = l.state.canary;
    if (c === undefined) throw new PromoteError('PROMOTE_NO_CANARY', 'no canary is running', { field: 'canary' });
    const decision = decideCanary(c.plan, obs);
    if (decision.action === 'continue') return { decision };
    const record = appendPromotionRecord(stateDir, l.state, {
      kind: decision.action === 'takeover' ? 'canary_takeover' : 'canary_abort',
      at: new Date(o.nowMs).toISOString(),
      by: o.by,
      reason: decision.reason,
      configHash: c.configHash,
      fromConfigHash: l.state.current?.configHash ?? null,
      observation: obs,
    });
    const records = [...l.records, record];
    syncPromoted(stateDir, promotionState(records), records);
    return { decision, record };
  });
}

/** What {@link promotionStatus} reports. */
export interface PromotionStatus {
  readonly current: { readonly configHash: string; readonly since: string; readonly seq: number } | null;
  readonly canary: { readonly configHash: string; readonly since: string; readonly everyKthRace: number; readonly races: number; readonly maxDrawdown: number } | null;
  /** Earlier accepted configs, newest first (what rollbacks return to). */
  readonly previous: readonly { readonly configHash: string; readonly since: string }[];
  readonly records: number;
  readonly last: { readonly seq: number; readonly kind: string; readonly at: string; readonly by: string } | null;
  /** Whether promoted.json says what the history says (false: rewrite it with any promote command, or a crash cut in between). */
  readonly promotedInSync: boolean;
  /** A promoted.json written without history (adopted at the next promote or rollback). */
  readonly unrecordedPromoted: string | null;
}

/**
 * The promotion status of a state folder (reads only).
 * @throws PromoteError PROMOTE_HISTORY_BROKEN; LiveError LIVE_BAD_PROMOTED_RECORD
 * @example promotionStatus('state').current?.configHash
 */
export function promotionStatus(stateDir: string): PromotionStatus {
  const l = load(stateDir);
  const { state } = l;
  const expected = promotedRecordOf(state, l.records);
  const actual = readPromoted(stateDir);
  const inSync = expected === undefined ? actual === undefined || l.external !== undefined : actual !== undefined && actual.configHash === expected.configHash && (actual.previous ?? []).map((p) => p.configHash).join() === (expected.previous ?? []).map((p) => p.configHash).join();
  const last = l.records.at(-1);
  return {
    current: state.current !== undefined ? { configHash: state.current.configHash, since: state.current.since, seq: state.current.seq } : null,
    canary: state.canary !== undefined ? { configHash: state.canary.configHash, since: state.canary.since, ...state.canary.plan } : null,
    previous: state.accepted.slice(0, -1).reverse().map((a) => ({ configHash: a.configHash, since: a.since })),
    records: l.records.length,
    last: last !== undefined ? { seq: last.seq, kind: last.kind, at: last.at, by: last.by } : null,
    promotedInSync: inSync,
    unrecordedPromoted: l.external?.configHash ?? null,
  };
}

/**
 * The promotion state of a state folder (current accepted config, earlier ones, running canary):
 * what the live runner reads to give every k-th race to a running canary (see canaryRole) and
 * to report its observations (observeCanary).
 * @throws PromoteError PROMOTE_HISTORY_BROKEN
 * @example readPromotionState('state').canary?.plan.everyKthRace
 */
export function readPromotionState(stateDir: string): PromotionState {
  return load(stateDir).state;
}
