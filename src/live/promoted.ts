/**
 * The promoted-record file: which Themis config the operator has accepted for real money, and
 * since when. `keiba promote` (its own issue) writes it; the live runner reads it and refuses a
 * non-paper run of any other config. Layer: live; reading and writing the file are the only
 * side effects.
 *
 * Format, `<state>/promoted.json` (UTF-8 JSON):
 * ```json
 * { "formatVersion": 1, "configHash": "<sha256 hex of the canonical Themis config>",
 *   "config": { ...the full Themis config... }, "since": "2024-01-06T00:00:00.000Z",
 *   "evidence": "free text: sweep or backtest that justified it",
 *   "previous": [{ "configHash": "...", "config": { ... }, "since": "..." }] }
 * ```
 * `configHash` must equal `configHash(config)`; `previous` (newest first) is what a rollback
 * returns to.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configHash, safeParseConfig, type ThemisConfig } from '../themis/index.ts';
import { LiveError } from './errors.ts';
import { STATE_FILES } from './store/live-store.ts';

/** An earlier promoted config. */
export interface PromotedEntry {
  readonly configHash: string;
  readonly config: ThemisConfig;
  readonly since: string;
}

/** The promoted record. */
export interface PromotedRecord extends PromotedEntry {
  readonly formatVersion: 1;
  readonly evidence?: string;
  readonly previous?: readonly PromotedEntry[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkEntry(raw: unknown, where: string, file: string): PromotedEntry {
  if (!isRecord(raw)) throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: ${where} is not an object`, { field: where });
  const parsed = safeParseConfig(raw.config);
  if (!parsed.ok) throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: ${where}.config is not a valid Themis config (${parsed.error.message})`, { field: `${where}.config` });
  const hash = configHash(parsed.config);
  if (raw.configHash !== hash) {
    throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: ${where}.configHash ${String(raw.configHash)} does not match its config (${hash})`, { field: `${where}.configHash`, value: raw.configHash });
  }
  if (typeof raw.since !== 'string' || !Number.isFinite(Date.parse(raw.since))) {
    throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: ${where}.since is not an ISO time`, { field: `${where}.since`, value: raw.since });
  }
  return { configHash: hash, config: parsed.config, since: raw.since };
}

/**
 * Reads `<dir>/promoted.json`, or undefined when there is none.
 * @throws LiveError LIVE_BAD_PROMOTED_RECORD for a file that does not parse or whose hash does not match its config
 * @example readPromoted('state')?.configHash
 */
export function readPromoted(dir: string): PromotedRecord | undefined {
  const file = join(dir, STATE_FILES.promoted);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: not JSON (${(e as Error).message})`);
  }
  if (!isRecord(raw) || raw.formatVersion !== 1) throw new LiveError('LIVE_BAD_PROMOTED_RECORD', `${file}: expected an object with formatVersion 1`, { field: 'formatVersion' });
  const head = checkEntry(raw, '(root)', file);
  const previous = Array.isArray(raw.previous) ? raw.previous.map((p, i) => checkEntry(p, `previous[${i}]`, file)) : [];
  return { formatVersion: 1, ...head, ...(typeof raw.evidence === 'string' ? { evidence: raw.evidence } : {}), previous };
}

/**
 * Writes the promoted record atomically (for `keiba promote` and tests).
 * @example writePromoted('state', { formatVersion: 1, configHash: configHash(c), config: c, since: new Date().toISOString() })
 */
export function writePromoted(dir: string, record: PromotedRecord): void {
  const file = join(dir, STATE_FILES.promoted);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * Whether a run may start: paper runs may run any valid config (and say so); a run with real
 * money needs the promoted record to name this config.
 * @returns a sentence for the log saying why the run may start
 * @throws LiveError LIVE_NOT_PROMOTED saying why not, LIVE_BAD_PROMOTED_RECORD
 * @example checkRunAllowed('state', true, hash) // 'paper mode: any valid config may run (...)'
 */
export function checkRunAllowed(dir: string, paper: boolean, hash: string): string {
  const promoted = readPromoted(dir);
  if (paper) {
    const note = promoted === undefined ? 'no config is promoted' : promoted.configHash === hash ? 'this config is the promoted one' : `the promoted config is ${promoted.configHash.slice(0, 12)}, not this one`;
    return `paper mode: any valid config may run (${note}); no money is at stake`;
  }
  if (promoted === undefined) {
    throw new LiveError(
      'LIVE_NOT_PROMOTED',
      `config ${hash.slice(0, 12)} is not promoted: ${join(dir, STATE_FILES.promoted)} does not exist (run keiba promote first, or run with --paper)`,
      { field: 'configHash', value: hash },
    );
  }
  if (promoted.configHash !== hash) {
    throw new LiveError(
      'LIVE_NOT_PROMOTED',
      `config ${hash.slice(0, 12)} is not the promoted config ${promoted.configHash.slice(0, 12)} (promoted since ${promoted.since}); promote it first, or run with --paper`,
      { field: 'configHash', value: hash },
    );
  }
  return `live mode: config ${hash.slice(0, 12)} is the promoted config (since ${promoted.since})`;
}
