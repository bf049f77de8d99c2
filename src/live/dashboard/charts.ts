/**
 * The dashboard's charts: the book's ledger turned into the equity points of the backtest
 * reports, drawn by the reports' own equity-curve spec (src/report/charts/equity-curve.ts, not
 * a second spec), split into its bankroll panel and its drawdown panel. The points sit at their
 * ledger times on a Japan-time axis (the spec's `timeAxis` option): a day's book reads in
 * hours and minutes, and the last level is held to the axis end, so both panels end at the
 * figures of the page's header. Layer: live/dashboard (a view on top of live and report); pure.
 */
import { trackEntry, EMPTY_DRAWDOWN_TRACKER, type DrawdownLevels, type LedgerEntry } from '../../ledger/index.ts';
import type { EquityPoint } from '../../report/backtest-report-input.ts';
import { equityCurveSpec } from '../../report/charts/equity-curve.ts';
import { JST_OFFSET_MINUTES } from '../clock.ts';
import type { ChartsResponse, VegaLiteSpec } from './api-types.ts';

/** Local (Japan) date of an ISO time. */
function localDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms + JST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10) : '1970-01-01';
}

/**
 * One point per race (after its last ledger row in a run of rows of that race) and per cash
 * flow (deposit, withdrawal), in ledger order, with the time of that row (`timeMs`) when the
 * row has one.
 * @example ledgerEquityPoints([]).length // 0
 */
export function ledgerEquityPoints(entries: readonly LedgerEntry[], haltLevel?: number): EquityPoint[] {
  const out: EquityPoint[] = [];
  let t = EMPTY_DRAWDOWN_TRACKER;
  entries.forEach((e, i) => {
    t = trackEntry(t, e);
    const next = entries[i + 1];
    const lastOfGroup = e.raceId === null || next === undefined || next.raceId !== e.raceId;
    if (!lastOfGroup) return;
    const drawdown = t.peakYen === 0 ? 0 : (t.peakYen - t.bankrollYen) / t.peakYen;
    const timeMs = Date.parse(e.at ?? '');
    out.push({
      index: out.length,
      date: localDate(e.at ?? ''),
      raceId: e.raceId ?? `${e.kind}#${e.seq}`,
      bankrollYen: t.bankrollYen,
      peakYen: t.peakYen,
      drawdown,
      halted: haltLevel !== undefined && drawdown >= haltLevel,
      ...(Number.isFinite(timeMs) ? { timeMs } : {}),
    });
  });
  return out;
}

/** The title of the time axis in the spec's drawdown panel (its first layer's x), or null. */
function timeTitleOf(panel: unknown): string | null {
  const x = (panel as { layer?: { encoding?: { x?: { title?: unknown } } }[] } | undefined)?.layer?.[0]?.encoding?.x;
  return typeof x?.title === 'string' ? x.title : null;
}

/**
 * The bankroll panel standing alone: `labels: false` removed from every axis and the time
 * axis (field `t`, untitled in the spec) given `title`, since no drawdown panel sits below it.
 */
function standalone(x: unknown, title: string | null): unknown {
  if (Array.isArray(x)) return x.map((v) => standalone(v, title));
  if (typeof x !== 'object' || x === null) return x;
  const out: Record<string, unknown> = {};
  const timeAxis = (x as { field?: unknown }).field === 't';
  for (const [k, v] of Object.entries(x)) {
    if (k === 'labels' && v === false) continue;
    out[k] = timeAxis && k === 'title' && v === null ? title : standalone(v, title);
  }
  return out;
}

/**
 * The bankroll and drawdown specs of a book's ledger (data inlined), or nulls for an empty ledger.
 * @example chartsOf([], { warn: 0.2, halt: 0.3 }).bankroll // null
 */
export function chartsOf(entries: readonly LedgerEntry[], levels: DrawdownLevels, caption: readonly string[] = []): ChartsResponse {
  const points = ledgerEquityPoints(entries);
  if (points.length === 0) return { bankroll: null, drawdown: null, points: 0 };
  const markers: { level: 'warn' | 'halt'; raceId: string; date: string; drawdown: number }[] = [];
  for (const level of ['warn', 'halt'] as const) {
    const p = points.find((q) => q.drawdown >= levels[level]);
    if (p !== undefined) markers.push({ level, raceId: p.raceId, date: p.date, drawdown: p.drawdown });
  }
  const startYen = points[0].bankrollYen;
  // Every row timed (the live store times them all): a time axis; else the reports' date axis.
  const timed = points.every((p) => p.timeMs !== undefined);
  const spec = equityCurveSpec({ points, startYen, levels: { warn: levels.warn, halt: levels.halt }, markers, caption, ...(timed ? { timeAxis: { zone: 'JST', offsetMinutes: JST_OFFSET_MINUTES } } : {}) });
  const { vconcat, title: _title, ...common } = spec as unknown as Record<string, unknown> & { vconcat: unknown[] };
  const bankroll: VegaLiteSpec = { ...common, title: { text: 'Bankroll', subtitle: [...caption] }, vconcat: [standalone(vconcat[0], timeTitleOf(vconcat[1]))] };
  const drawdown: VegaLiteSpec = { ...common, title: { text: 'Drawdown from peak' }, vconcat: [vconcat[1]] };
  return { bankroll, drawdown, points: points.length };
}
