/**
 * Vega-Lite spec of a backtest's equity curve: the bankroll after each race with its running
 * peak, the fall below the peak shaded, the races where the drawdown reached the warn and halt
 * levels marked, and the halted stretch greyed; below it, the drawdown from the peak with the
 * warn and halt levels drawn. Time runs on a UTC date axis (races of a day spread evenly over
 * it), so the chart reads the same on any machine. With the `timeAxis` option (the live
 * dashboard) the points sit at their own instants, shifted to the zone's wall clock on the same
 * UTC axis: a span under three days is labelled with hour:minute and the zone named in the axis
 * title, and the last level is held a little past the last point (a step curve would otherwise
 * show it only as a vertical edge on the frame). Layer: report. Units: integer yen. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.ts';
import { formatPercent } from '../format.ts';
import type { EquityCurveInput, EquityPoint, EquityTimeAxis } from '../backtest-report-input.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Most points drawn; longer runs keep, per day, the deepest and the last point. */
export const EQUITY_MAX_POINTS = 2500;

/** Colour of the warn level and marker. */
const WARN_COLOUR = '#d68910';
const DAY_MS = 86_400_000;
/** A time axis spanning less than this is labelled with hour:minute. */
const CLOCK_SPAN_MS = 3 * DAY_MS;
/** Shortest hold of the last level past the last point on a time axis. */
const MIN_HOLD_MS = 10 * 60_000;

/** Milliseconds since the epoch of each point: its date at 00:00 UTC plus (k + 0.5) / n of the day. */
function pointTimes(points: readonly EquityPoint[]): number[] {
  const perDay = new Map<string, number>();
  for (const p of points) perDay.set(p.date, (perDay.get(p.date) ?? 0) + 1);
  const seen = new Map<string, number>();
  return points.map((p) => {
    const day = Date.parse(`${p.date}T00:00:00Z`);
    if (!Number.isFinite(day)) throw new ReportError('REPORT_BAD_INPUT', `equityCurveSpec: race ${p.raceId} has date ${JSON.stringify(p.date)}, not YYYY-MM-DD`);
    const k = seen.get(p.date) ?? 0;
    seen.set(p.date, k + 1);
    return day + Math.round(((k + 0.5) / (perDay.get(p.date) as number)) * DAY_MS);
  });
}

/** How the x axis reads: the time of each point, the axis end, tick format and title. */
interface TimePlan {
  readonly times: number[];
  /** Where the last level is held to (time axis only), else null. */
  readonly holdUntil: number | null;
  readonly format: string;
  readonly title: string;
  /** Text naming the time of point k in a marker label. */
  readonly whenOf: (k: number) => string;
}

/** The reports' date axis: races of a day spread over it, labelled with dates. */
function datePlan(points: readonly EquityPoint[]): TimePlan {
  return { times: pointTimes(points), holdUntil: null, format: '%Y-%m-%d', title: 'Race date', whenOf: (k) => points[k].date };
}

/**
 * A time axis: each point at its instant on the zone's wall clock (as UTC), hour:minute labels
 * under CLOCK_SPAN_MS (with the day in the title when it is one day), dates beyond.
 */
function clockPlan(points: readonly EquityPoint[], axis: EquityTimeAxis): TimePlan {
  const shift = axis.offsetMinutes * 60_000;
  const times = points.map((p) => {
    if (p.timeMs === undefined || !Number.isFinite(p.timeMs)) throw new ReportError('REPORT_BAD_INPUT', `equityCurveSpec: point ${p.raceId} has no time (timeMs) on a time axis`);
    return p.timeMs + shift;
  });
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  const holdUntil = last + Math.max(MIN_HOLD_MS, Math.round(span * 0.03));
  const iso = (ms: number) => new Date(ms).toISOString();
  if (span >= CLOCK_SPAN_MS) return { times, holdUntil, format: '%Y-%m-%d', title: `Date (${axis.zone})`, whenOf: (k) => iso(times[k]).slice(0, 10) };
  const firstDay = iso(first).slice(0, 10);
  const oneDay = firstDay === iso(holdUntil).slice(0, 10);
  return {
    times,
    holdUntil,
    format: oneDay ? '%H:%M' : '%m-%d %H:%M',
    title: oneDay ? `Time (${axis.zone}) on ${firstDay}` : `Time (${axis.zone})`,
    whenOf: (k) => (oneDay ? iso(times[k]).slice(11, 16) : iso(times[k]).slice(5, 16).replace('T', ' ')),
  };
}

/**
 * The points drawn: all of them up to EQUITY_MAX_POINTS, else per day the deepest point and
 * the last, in order (the curve's shape and its worst falls survive).
 * @example thinEquityPoints(points).length <= Math.max(EQUITY_MAX_POINTS, 2 * days) // true
 */
export function thinEquityPoints(points: readonly EquityPoint[]): EquityPoint[] {
  if (points.length <= EQUITY_MAX_POINTS) return [...points];
  const keep = new Set<number>();
  let i = 0;
  while (i < points.length) {
    let j = i;
    let deepest = i;
    while (j < points.length && points[j].date === points[i].date) {
      if (points[j].drawdown > points[deepest].drawdown) deepest = j;
      j++;
    }
    keep.add(deepest);
    keep.add(j - 1);
    i = j;
  }
  return points.filter((_, k) => keep.has(k));
}

/**
 * Builds the equity curve and drawdown panels.
 * @throws ReportError REPORT_BAD_INPUT when there is no point or a date is not YYYY-MM-DD
 * @example equityCurveSpec(input).vconcat.length // 2
 */
export function equityCurveSpec(input: EquityCurveInput): TopLevelSpec & { vconcat: unknown[] } {
  if (input.points.length === 0) throw new ReportError('REPORT_BAD_INPUT', 'equityCurveSpec: no equity points (no race replayed)');
  const points = thinEquityPoints(input.points);
  const plan = input.timeAxis === undefined ? datePlan(points) : clockPlan(points, input.timeAxis);
  const times = plan.times;
  const values: Record<string, number | string | boolean>[] = points.map((p, k) => ({
    kind: 'point',
    t: times[k],
    date: p.date,
    race: p.raceId,
    bankroll: p.bankrollYen,
    peak: p.peakYen,
    dd: -p.drawdown,
  }));
  // The last level held to the end of a time axis (a second row of the last point).
  if (plan.holdUntil !== null) values.push({ ...values[values.length - 1], t: plan.holdUntil, hold: true });
  const tEnd = plan.holdUntil ?? times[times.length - 1];
  const firstHalted = points.findIndex((p) => p.halted);
  if (firstHalted >= 0) values.push({ kind: 'halted', t: times[firstHalted], t2: tEnd });
  input.markers.forEach((m) => {
    let at = points.findIndex((p) => p.raceId === m.raceId);
    if (at < 0) at = points.findIndex((p) => p.date >= m.date);
    if (at < 0) return;
    const label = `${m.level} −${formatPercent(Math.round(m.drawdown * 1000) / 1000)} (${input.timeAxis === undefined ? m.date : plan.whenOf(at)})`;
    values.push({ kind: 'marker', level: m.level, t: times[at], label });
  });
  const levels = input.levels;
  if (levels) {
    values.push({ kind: 'level', level: 'warn', y: -levels.warn, label: `warn −${formatPercent(levels.warn)}` });
    values.push({ kind: 'level', level: 'halt', y: -levels.halt, label: `halt −${formatPercent(levels.halt)}` });
  }
  const low = Math.min(...points.map((p) => p.bankrollYen), input.startYen);
  const high = Math.max(...points.map((p) => p.peakYen), input.startYen);
  const pad = Math.max(1, (high - low) * 0.06);
  // Room above the peak for the marker labels.
  const headroom = Math.max(1, (high - low) * 0.16);
  const worst = Math.max(...points.map((p) => p.drawdown));
  const ddFloor = -Math.min(1, Math.max(worst, levels?.halt ?? 0, 0.05) * 1.2);
  const x = {
    field: 't',
    type: 'temporal' as const,
    scale: { type: 'utc' as const, nice: false },
    title: null as string | null,
    axis: { format: plan.format, labelAngle: 0, tickCount: 6, labelOverlap: 'greedy' as const },
  };
  const xTop = { ...x, axis: { ...x.axis, labels: false } };
  const xBottom = { ...x, title: plan.title };
  const levelColour = { field: 'level', type: 'nominal' as const, scale: { domain: ['warn', 'halt'], range: [WARN_COLOUR, CHART_COLOURS.bound] }, legend: null };
  const markerLayer = (xEnc: typeof x) => ({
    transform: [{ filter: "datum.kind === 'marker'" }],
    mark: { type: 'rule' as const, strokeWidth: 1.5, strokeDash: [4, 3] },
    encoding: { x: xEnc, color: levelColour },
  });
  const top = {
    width: 640,
    height: 240,
    layer: [
      ...(firstHalted >= 0
        ? [
            {
              transform: [{ filter: "datum.kind === 'halted'" }],
              mark: { type: 'rect' as const, color: '#000000', opacity: 0.06 },
              encoding: { x: xTop, x2: { field: 't2' } },
            },
            {
              transform: [{ filter: "datum.kind === 'halted'" }],
              mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 6, y: 36, fontSize: 11, fontStyle: 'italic', color: '#555555', text: 'halted: no bets' },
              encoding: { x: xTop },
            },
          ]
        : []),
      {
        transform: [{ filter: "datum.kind === 'point'" }],
        mark: { type: 'area' as const, color: CHART_COLOURS.bound, opacity: 0.22, interpolate: 'step-after' as const },
        encoding: {
          x: xTop,
          y: { field: 'bankroll', type: 'quantitative' as const, title: 'Bankroll (¥)', scale: { domain: [low - pad, high + headroom], nice: false, zero: false }, axis: { format: ',d', tickCount: 6 } },
          y2: { field: 'peak' },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'point'" }],
        mark: { type: 'line' as const, color: CHART_COLOURS.muted, strokeWidth: 1, strokeDash: [3, 2], interpolate: 'step-after' as const },
        encoding: { x: xTop, y: { field: 'peak', type: 'quantitative' as const } },
      },
      {
        transform: [{ filter: "datum.kind === 'point'" }],
        mark: { type: 'line' as const, color: CHART_COLOURS.series, strokeWidth: 1.6, interpolate: 'step-after' as const },
        encoding: { x: xTop, y: { field: 'bankroll', type: 'quantitative' as const } },
      },
      {
        data: { values: [{}] },
        mark: { type: 'rule' as const, color: CHART_COLOURS.ink, strokeWidth: 0.8, opacity: 0.6 },
        encoding: { y: { datum: input.startYen, type: 'quantitative' as const } },
      },
      markerLayer(xTop),
      ...(['warn', 'halt'] as const).map((level, k) => ({
        transform: [{ filter: `datum.kind === 'marker' && datum.level === '${level}'` }],
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 4, y: 4 + 15 * k, fontSize: 11, fontWeight: 'bold' as const },
        encoding: { x: xTop, text: { field: 'label' }, color: levelColour },
      })),
    ],
  };
  const bottom = {
    width: 640,
    height: 110,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'point'" }],
        mark: { type: 'area' as const, color: CHART_COLOURS.bound, opacity: 0.45, interpolate: 'step-after' as const },
        encoding: {
          x: xBottom,
          y: { field: 'dd', type: 'quantitative' as const, title: 'Drawdown from peak', scale: { domain: [ddFloor, 0], nice: false }, axis: { format: '.0%', tickCount: 4 } },
        },
      },
      markerLayer(xBottom),
      {
        transform: [{ filter: "datum.kind === 'level'" }],
        mark: { type: 'rule' as const, strokeDash: [6, 3], strokeWidth: 1.3 },
        encoding: { y: { field: 'y', type: 'quantitative' as const }, color: levelColour },
      },
      {
        transform: [{ filter: "datum.kind === 'level'" }],
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, x: 'width' as const, dx: 4, fontSize: 10 },
        encoding: { y: { field: 'y', type: 'quantitative' as const }, text: { field: 'label' }, color: levelColour },
      },
    ],
  };
  const final = points[points.length - 1];
  const subtitle = [
    ...input.caption,
    `Line: bankroll after each race; dashed grey: running peak; red shading: fall below the peak. Start ¥${input.startYen.toLocaleString('en-US')}, end ¥${final.bankrollYen.toLocaleString('en-US')}, max drawdown ${formatPercent(Math.round(worst * 1000) / 1000)}`,
    ...(levels ? [`Dashed verticals: first race at the warn (−${formatPercent(levels.warn)}) and halt (−${formatPercent(levels.halt)}) levels${firstHalted >= 0 ? '; grey: halted, no bets' : ''}`] : []),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Equity curve and drawdown', subtitle },
    data: { values },
    vconcat: [top, bottom],
    spacing: 8,
    resolve: { scale: { x: 'shared', color: 'shared' } },
    // No ARIA labels: vega formats their dates in the process's time zone, and the SVG must not depend on it.
    config: { ...chartConfig(), aria: false },
  } as TopLevelSpec & { vconcat: unknown[] };
}
