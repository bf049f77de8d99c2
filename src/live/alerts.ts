/**
 * Alerts of the live runner and their sinks: stderr, a JSON Lines file, the store (for
 * `live status`) and a webhook POSTing JSON to a configured URL. Layer: live; not pure (writes,
 * network). Known secrets are masked in every alert before any sink sees it.
 */
import { appendFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { isoOf, type Clock } from './clock.ts';
import type { LiveStore } from './store/live-store.ts';

/** How serious an alert is. */
export type AlertLevel = 'info' | 'warn' | 'critical';

/** One alert. */
export interface Alert {
  readonly at: string;
  readonly level: AlertLevel;
  /** Stable code: purchase_failed, drawdown_halt, deposit_short, ... */
  readonly code: string;
  readonly message: string;
  readonly raceId?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Where alerts go. A sink must not throw; a slow sink returns a promise the runner does not wait for. */
export interface AlertSink {
  readonly name: string;
  send(alert: Alert): void | Promise<void>;
}

/** Writes one line per alert to a stream (stderr by default). */
export function streamSink(write: (text: string) => void = (t) => process.stderr.write(t)): AlertSink {
  return { name: 'stderr', send: (a) => write(`keiba live: ${a.level.toUpperCase()} ${a.code}: ${a.message}\n`) };
}

/** Appends one JSON line per alert to a file (fsynced). */
export function jsonlSink(path: string): AlertSink {
  return {
    name: 'jsonl',
    send: (a) => {
      appendFileSync(path, `${JSON.stringify(a)}\n`);
      const fd = openSync(path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Records alerts in the store (last alert of `live status`). */
export function storeSink(store: LiveStore, clock: Clock): AlertSink {
  return { name: 'store', send: (a) => store.recordAlert(clock.now(), a.level, a.code, a.message) };
}

/**
 * POSTs each alert as JSON to `url` (timeout `timeoutMs`, default 5 s); a failure is written to
 * stderr, never thrown.
 * @example webhookSink('http://127.0.0.1:8080/alerts')
 */
export function webhookSink(url: string, timeoutMs = 5000): AlertSink {
  return {
    name: 'webhook',
    send: async (a) => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) process.stderr.write(`keiba live: webhook answered ${res.status}\n`);
      } catch (e) {
        process.stderr.write(`keiba live: webhook failed (${e instanceof Error ? e.message : String(e)})\n`);
      }
    },
  };
}

/** Replaces every occurrence of a secret by `***`. @example maskSecrets('pw=hunter2', ['hunter2']) // 'pw=***' */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

/**
 * Sends alerts to every sink, secrets masked.
 * @example const alerts = new Alerts([streamSink()], clock); alerts.raise('warn', 'stale_odds', 'odds 6 min old');
 */
export class Alerts {
  private readonly pending = new Set<Promise<void>>();
  /** Every alert raised by this instance (tests read them). */
  readonly raised: Alert[] = [];

  constructor(
    private readonly sinks: readonly AlertSink[],
    private readonly clock: Clock,
    private readonly secrets: readonly string[] = [],
  ) {}

  raise(level: AlertLevel, code: string, message: string, extra: { raceId?: string; data?: Record<string, unknown> } = {}): Alert {
    const raw: Alert = { at: isoOf(this.clock.now()), level, code, message, ...extra };
    const alert = this.secrets.length === 0 ? raw : (JSON.parse(maskSecrets(JSON.stringify(raw), this.secrets)) as Alert);
    this.raised.push(alert);
    for (const sink of this.sinks) {
      try {
        const r = sink.send(alert);
        if (r instanceof Promise) {
          const p = r.catch(() => {}).finally(() => this.pending.delete(p));
          this.pending.add(p);
        }
      } catch (e) {
        process.stderr.write(`keiba live: alert sink ${sink.name} failed (${e instanceof Error ? e.message : String(e)})\n`);
      }
    }
    return alert;
  }

  /** Waits for the sinks still sending (webhooks). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
