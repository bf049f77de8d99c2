/**
 * The promotion history: an append-only JSON Lines file `<state>/promotions.jsonl`, one record
 * per event (adopt, promote, canary takeover or abort, rollback), each chained to the previous by
 * a sha256 like the audit log, fsynced before the call returns. The current promoted state is
 * derived from it (pure), and `promoted.json` (what the live runner reads) is written from that.
 * Layer: live (promote); file I/O at the edges, derivation pure. Times are ISO UTC.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, configHash, safeParseConfig, type ThemisConfig } from '../../themis/index.ts';
import { STATE_FILES } from '../store/live-store.ts';
import { writePromoted, type PromotedEntry, type PromotedRecord } from '../promoted.ts';
import type { CanaryObservation } from './canary.ts';
import type { GateResult } from './gates.ts';
import { PromoteError } from './promote-error.ts';
import type { CanaryPlan } from './promotion-policy.ts';

/** File names of promote inside a state folder. */
export const PROMOTION_FILES = { history: 'promotions.jsonl', lock: 'promotions.lock' } as const;

/** The hash before the first record. */
export const PROMOTION_GENESIS = '0'.repeat(64);

/** Kinds of history records. */
export type PromotionKind = 'adopt' | 'promote' | 'canary_takeover' | 'canary_abort' | 'rollback';

/** A piece of evidence as recorded: which summary, by its sha256, on which dataset. */
export interface EvidenceRef {
  readonly kind: 'backtest' | 'sweep';
  readonly dir: string;
  readonly summarySha256: string;
  readonly datasetHash: string;
}

/** The fields of a record before it is chained. */
export interface PromotionDraft {
  readonly kind: PromotionKind;
  readonly at: string;
  readonly by: string;
  readonly reason: string | null;
  /** promote/adopt: the config; takeover/abort: the canary; rollback: the config live afterwards. */
  readonly configHash: string;
  /** The full config (promote and adopt). */
  readonly config?: ThemisConfig;
  /** The config live before the event (null when none). */
  readonly fromConfigHash?: string | null;
  readonly evidence?: readonly EvidenceRef[];
  readonly gates?: readonly GateResult[];
  /** promote: whether --force overrode a gate. */
  readonly forced?: boolean;
  /** promote: the canary plan it starts under, or null when it takes over at once. */
  readonly canary?: CanaryPlan | null;
  /** canary_takeover / canary_abort: what was observed. */
  readonly observation?: CanaryObservation;
  /** rollback: whether it aborted a running canary (else it returned to the previous accepted config). */
  readonly abortedCanary?: boolean;
}

/** A record of the history: a draft with its sequence number and chain hashes. */
export interface PromotionRecord extends PromotionDraft {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** An accepted config (one that took over), newest last in {@link PromotionState.accepted}. */
export interface AcceptedConfig {
  readonly configHash: string;
  readonly config: ThemisConfig;
  readonly since: string;
  readonly seq: number;
}

/** A canary running beside the current config. */
export interface RunningCanary {
  readonly configHash: string;
  readonly config: ThemisConfig;
  readonly plan: CanaryPlan;
  readonly since: string;
  readonly seq: number;
}

/** The state derived from the history. */
export interface PromotionState {
  readonly accepted: readonly AcceptedConfig[];
  readonly current: AcceptedConfig | undefined;
  readonly canary: RunningCanary | undefined;
  readonly lastSeq: number;
  readonly lastHash: string;
}

/**
 * The chain hash of a record: sha256 hex of the canonical JSON of everything but `hash`.
 * @example promotionHash({ ...draft, seq: 1, prevHash: PROMOTION_GENESIS }).length // 64
 */
export function promotionHash(r: PromotionDraft & { seq: number; prevHash: string }): string {
  const { hash: _h, ...rest } = r as PromotionRecord;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function broken(file: string, line: number, why: string): PromoteError {
  return new PromoteError('PROMOTE_HISTORY_BROKEN', `${file} line ${line}: ${why}; refusing to read or append (restore the file from a backup)`, { field: 'history', value: line });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads and verifies the history of a state folder: every line parses, sequence numbers run
 * 1, 2, ..., each record continues the previous one's hash and its own hash matches, and each
 * recorded config hashes to its configHash. A torn last line (no final newline) is ignored.
 * @returns the records, oldest first ([] when there is no file)
 * @throws PromoteError PROMOTE_HISTORY_BROKEN naming the line
 * @example readPromotionHistory('state').length
 */
export function readPromotionHistory(stateDir: string): PromotionRecord[] {
  const file = join(stateDir, PROMOTION_FILES.history);
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n');
  const lines = end < 0 ? [] : text.slice(0, end).split('\n');
  const out: PromotionRecord[] = [];
  let prev = PROMOTION_GENESIS;
  lines.forEach((line, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw broken(file, i + 1, 'not JSON');
    }
    if (!isRecord(raw) || typeof raw.hash !== 'string' || typeof raw.kind !== 'string' || typeof raw.configHash !== 'string') throw broken(file, i + 1, 'not a promotion record');
    const r = raw as unknown as PromotionRecord;
    if (r.seq !== i + 1) throw broken(file, i + 1, `sequence ${String(r.seq)}, expected ${i + 1}`);
    if (r.prevHash !== prev) throw broken(file, i + 1, 'does not continue the previous record (prevHash)');
    if (promotionHash(r) !== r.hash) throw broken(file, i + 1, 'its hash does not match its content');
    if (r.config !== undefined) {
      const parsed = safeParseConfig(r.config);
      if (!parsed.ok || configHash(parsed.config) !== r.configHash) throw broken(file, i + 1, 'its config does not hash to its configHash');
    }
    prev = r.hash;
    out.push(r);
  });
  return out;
}

/**
 * The state a history leads to (pure): adopt and promote-without-canary push an accepted
 * config (re-promoting the current one only points it at the new record and its evidence);
 * promote-with-canary starts a canary; takeover pushes the canary; abort drops it;
 * rollback drops a running canary, else returns to the previous accepted config.
 * @throws PromoteError PROMOTE_HISTORY_BROKEN for an event that cannot follow the state
 * @example promotionState(readPromotionHistory('state')).current?.configHash
 */
export function promotionState(records: readonly PromotionRecord[]): PromotionState {
  const accepted: AcceptedConfig[] = [];
  let canary: RunningCanary | undefined;
  const fail = (r: PromotionRecord, why: string): PromoteError => broken(PROMOTION_FILES.history, r.seq, why);
  for (const r of records) {
    switch (r.kind) {
      case 'adopt':
      case 'promote':
        if (r.config === undefined) throw fail(r, `${r.kind} without a config`);
        if (r.kind === 'promote' && r.canary !== undefined && r.canary !== null) canary = { configHash: r.configHash, config: r.config, plan: r.canary, since: r.at, seq: r.seq };
        else if (accepted.at(-1)?.configHash === r.configHash) accepted[accepted.length - 1] = { ...(accepted.at(-1) as AcceptedConfig), seq: r.seq }; // re-promoted on new evidence
        else accepted.push({ configHash: r.configHash, config: r.config, since: r.at, seq: r.seq });
        break;
      case 'canary_takeover':
        if (canary === undefined || canary.configHash !== r.configHash) throw fail(r, 'takeover without that canary running');
        accepted.push({ configHash: canary.configHash, config: canary.config, since: r.at, seq: r.seq });
        canary = undefined;
        break;
      case 'canary_abort':
        if (canary === undefined || canary.configHash !== r.configHash) throw fail(r, 'abort without that canary running');
        canary = undefined;
        break;
      case 'rollback':
        if (r.abortedCanary === true) {
          if (canary === undefined) throw fail(r, 'rollback of a canary that is not running');
          canary = undefined;
        } else {
          if (accepted.length < 2) throw fail(r, 'rollback without an earlier accepted config');
          accepted.pop();
          const back = accepted.pop() as AcceptedConfig;
          if (back.configHash !== r.configHash) throw fail(r, 'rollback to another config than the previous accepted one');
          accepted.push({ ...back, since: r.at, seq: r.seq });
        }
        break;
      default:
        throw fail(r, `unknown kind ${String((r as { kind: unknown }).kind)}`);
    }
  }
  const last = records.at(-1);
  return { accepted, current: accepted.at(-1), canary, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? PROMOTION_GENESIS };
}

/**
 * Appends a record continuing `state` and fsyncs the file before returning. A torn last line is
 * cut first.
 * @returns the record as written
 * @example appendPromotionRecord('state', promotionState([]), { kind: 'promote', ... })
 */
export function appendPromotionRecord(stateDir: string, state: PromotionState, draft: PromotionDraft): PromotionRecord {
  const base = { ...draft, seq: state.lastSeq + 1, prevHash: state.lastHash };
  const record: PromotionRecord = { ...base, hash: promotionHash(base) };
  const file = join(stateDir, PROMOTION_FILES.history);
  const fd = openSync(file, 'a+');
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      const buf = Buffer.alloc(Math.min(size, 1 << 20));
      readSync(fd, buf, 0, buf.length, size - buf.length);
      if (buf[buf.length - 1] !== 0x0a) {
        const nl = buf.lastIndexOf(0x0a);
        ftruncateSync(fd, nl < 0 ? size - buf.length : size - buf.length + nl + 1);
      }
    }
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return record;
}

/**
 * The promoted record (promoted.json) of a state: the current accepted config, and the earlier
 * ones newest first as `previous`; undefined before any accepted config.
 * @example promotedRecordOf(state)?.previous?.length
 */
export function promotedRecordOf(state: PromotionState, records: readonly PromotionRecord[]): PromotedRecord | undefined {
  const cur = state.current;
  if (cur === undefined) return undefined;
  const made = records.find((r) => r.seq === cur.seq);
  const evidence = made?.evidence?.map((e) => `${e.kind} ${e.dir} (summary sha256 ${e.summarySha256.slice(0, 12)}, dataset ${e.datasetHash.slice(0, 12)})`).join('; ');
  const previous: PromotedEntry[] = state.accepted
    .slice(0, -1)
    .reverse()
    .map((a) => ({ configHash: a.configHash, config: a.config, since: a.since }));
  return {
    formatVersion: 1,
    configHash: cur.configHash,
    config: cur.config,
    since: cur.since,
    evidence: `promotions.jsonl record ${cur.seq} (${made?.kind ?? 'unknown'})${evidence ? `: ${evidence}` : ''}`,
    previous,
  };
}

/**
 * Writes `<state>/promoted.json` from the state (through the live runner's writer), so the
 * runner reads exactly what the history says. Nothing is written before a first accepted config.
 * @example syncPromoted('state', state, records)
 */
export function syncPromoted(stateDir: string, state: PromotionState, records: readonly PromotionRecord[]): PromotedRecord | undefined {
  const rec = promotedRecordOf(state, records);
  if (rec !== undefined) writePromoted(stateDir, rec);
  return rec;
}

/** Path of promoted.json in a state folder. */
export function promotedPath(stateDir: string): string {
  return join(stateDir, STATE_FILES.promoted);
}

/**
 * Runs `fn` holding the promotion lock of a state folder (a lock file created exclusively).
 * @throws PromoteError PROMOTE_BUSY when another promote holds it
 * @example withPromotionLock('state', () => appendPromotionRecord(...))
 */
export function withPromotionLock<T>(stateDir: string, fn: () => T): T {
  const lock = join(stateDir, PROMOTION_FILES.lock);
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PromoteError('PROMOTE_BUSY', `${lock} exists: another promote is running (if none is, remove the file)`, { field: 'state', value: stateDir });
    }
    throw e;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return fn();
  } finally {
    unlinkSync(lock);
  }
}
