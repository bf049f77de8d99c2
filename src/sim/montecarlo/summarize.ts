/**
 * Turns the raw result of a sweep (per-path final bankrolls in path order and integer counts)
 * into its statistics, recommendation and chart data (`SweepSummary`). A single run and merged
 * shards go through this one function, so equal raw data give equal bytes. Layer: sim
 * (imports themis for hashing). Units: multiples of the starting bankroll. Pure.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../themis/index.ts';
import type { GridConfig } from './grid.ts';
import { DRAWDOWN_BINS, FAN_BIN_WIDTH, FAN_BINS, FAN_MAX_LOG10, FAN_MIN_LOG10 } from './kernel.ts';
import type { RawPaths } from './run-paths.ts';
import { countsQuantile, meanEstimate, quantileEstimate, wilson } from './statistics.ts';
import type { ConfigStatistics, FanData, FanSeries, Recommendation, SourceInfo, SweepGrid, SweepInputs, SweepSummary } from './sweep-summary.ts';

/** Everything that determines a sweep besides its random outcomes. */
export interface SweepContext {
  readonly inputs: SweepInputs;
  readonly source: SourceInfo;
  readonly grid: SweepGrid;
  readonly configs: readonly GridConfig[];
  readonly races: number;
  /** Fan checkpoint race indices (0-based). */
  readonly checkpoints: readonly number[];
  /** Fixed creation stamp, when the caller wants one in summary.json. */
  readonly created?: string;
}

/** Quantile levels of the final multiple and of the fan chart. */
export const QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Safety factors charted beside the recommended configuration, at its threshold (the nearest in the grid). */
export const FAN_SAFETY_FACTORS = [0.25, 0.5, 1.0] as const;

/**
 * The sweep id: `sweep-<12 hex of the inputs' hash>-seed-<seed>` (seed reduced to [A-Za-z0-9_.-]).
 * @throws nothing
 * @example sweepId(ctx) // 'sweep-3f2a9c0d1e4b-seed-1'
 */
export function sweepId(ctx: Omit<SweepContext, 'configs' | 'created'> & { configs: readonly { hash: string }[] }): string {
  const h = createHash('sha256')
    .update(canonicalJson({ inputs: ctx.inputs, source: ctx.source, grid: ctx.grid, configs: ctx.configs.map((c) => c.hash), races: ctx.races, checkpoints: ctx.checkpoints }))
    .digest('hex')
    .slice(0, 12);
  return `sweep-${h}-seed-${ctx.inputs.seed.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40)}`;
}

/**
 * Computes the summary of a sweep from its raw paths (which must cover paths 0 .. inputs.paths - 1).
 * Cost O(configs x paths log paths).
 * @param ctx - the sweep's context
 * @param raw - finals in path order and counts
 * @returns the summary (deterministic in its arguments)
 * @throws Error when raw does not cover every path
 * @example summarizeSweep(ctx, await runPaths(plan, ctx.inputs.seed, 0, ctx.inputs.paths, opts)).recommendation.statement
 */
export function summarizeSweep(ctx: SweepContext, raw: RawPaths): SweepSummary {
  const n = ctx.inputs.paths;
  const C = ctx.configs.length;
  const R = ctx.races;
  if (raw.pathStart !== 0 || raw.pathEnd !== n || raw.finals.length !== n * C) {
    throw new Error(`summarizeSweep: raw paths ${raw.pathStart}..${raw.pathEnd} do not cover 0..${n}`);
  }
  const B0 = ctx.inputs.bankrollYen;
  const col = new Float64Array(n);
  const logs = new Float64Array(n);
  const configs: ConfigStatistics[] = [];
  for (let k = 0; k < C; k++) {
    const g = ctx.configs[k];
    for (let p = 0; p < n; p++) {
      const m = raw.finals[p * C + k] / B0;
      col[p] = m;
      logs[p] = Math.log(m);
    }
    const logGrowthTotal = meanEstimate(logs);
    const perRace = { value: logGrowthTotal.value / R, lo: logGrowthTotal.lo / R, hi: logGrowthTotal.hi / R, se: logGrowthTotal.se / R };
    col.sort();
    const q = (level: number) => quantileEstimate(col, level);
    const ruinCounts = raw.counts.ruinHist.subarray(k * R, (k + 1) * R);
    let ruined = 0;
    for (let i = 0; i < R; i++) ruined += ruinCounts[i];
    configs.push({
      index: k,
      configHash: g.hash,
      params: g.params,
      safetyFactor: g.config.safetyFactor,
      evThreshold: g.config.evThreshold,
      ruin: wilson(ruined, n),
      drawdown20: wilson(raw.counts.drawdownAtLeast[k * 3], n),
      drawdown30: wilson(raw.counts.drawdownAtLeast[k * 3 + 1], n),
      drawdown50: wilson(raw.counts.drawdownAtLeast[k * 3 + 2], n),
      finalMultiple: { q05: q(0.05), q25: q(0.25), q50: q(0.5), q75: q(0.75), q95: q(0.95) },
      logGrowthTotal,
      logGrowthPerRace: perRace,
      medianRacesToRuin: countsQuantile(ruinCounts, 0.5),
      drawdownCounts: Array.from(raw.counts.drawdownHist.subarray(k * DRAWDOWN_BINS, (k + 1) * DRAWDOWN_BINS)),
    });
  }
  const recommendation = recommend(configs, ctx.inputs.maxRuin, n);
  const edges: number[] = [];
  for (let i = 0; i <= DRAWDOWN_BINS; i++) edges.push(i / DRAWDOWN_BINS);
  const summary: SweepSummary = {
    format: 'keiba-sweep-summary',
    version: 1,
    sweepId: sweepId(ctx),
    ...(ctx.created !== undefined ? { created: ctx.created } : {}),
    inputs: ctx.inputs,
    source: ctx.source,
    grid: ctx.grid,
    configHashes: ctx.configs.map((c) => c.hash),
    recommendation,
    configs,
    drawdownHistogram: { edges },
    fan: fanData(ctx, configs, recommendation, raw),
    quantileMethod: 'exact-type7',
  };
  return summary;
}

/**
 * The recommendation: among configurations whose ruin probability's Wilson 95% upper bound is
 * below `maxRuin`, the one with the highest mean log growth (ties: lower index).
 * @throws nothing
 * @example recommend(configs, 0.01, 10000).statement
 */
export function recommend(configs: readonly ConfigStatistics[], maxRuin: number, paths: number): Recommendation {
  const rule = `highest mean log growth among configurations whose ruin probability is below ${maxRuin} with 95% confidence (Wilson upper bound)`;
  let best: ConfigStatistics | undefined;
  for (const c of configs) {
    if (c.ruin.hi < maxRuin && (best === undefined || c.logGrowthTotal.value > best.logGrowthTotal.value)) best = c;
  }
  if (best === undefined) {
    const minUpper = Math.min(...configs.map((c) => c.ruin.hi));
    const floor = 1 - Math.pow(0.025, 1 / paths);
    return {
      index: null,
      configHash: null,
      params: null,
      rule,
      statement:
        `No configuration qualifies: the smallest 95% upper bound on ruin is ${fmt(minUpper)} (bound ${maxRuin}).` +
        (floor >= maxRuin ? ` With ${paths} paths even zero ruins cannot show ruin below ${maxRuin}: run more paths.` : ''),
    };
  }
  return {
    index: best.index,
    configHash: best.configHash,
    params: best.params,
    rule,
    statement:
      `Recommended: ${describe(best.params)}: mean log growth ${fmt(best.logGrowthTotal.value)} ` +
      `(${fmt(best.logGrowthPerRace.value)} per race), ruin ${fmt(best.ruin.value)} (95% CI ${fmt(best.ruin.lo)}-${fmt(best.ruin.hi)}), ` +
      `median final multiple ${fmt(best.finalMultiple.q50.value)}.`,
  };
}

function describe(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
    .join(', ');
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

function fanData(ctx: SweepContext, configs: readonly ConfigStatistics[], rec: Recommendation, raw: RawPaths): FanData {
  const K = ctx.checkpoints.length;
  const anchor =
    rec.index ?? configs.reduce((b, c) => (c.logGrowthTotal.value > configs[b].logGrowthTotal.value ? c.index : b), 0);
  const chosen: { index: number; label: string }[] = [{ index: anchor, label: rec.index !== null ? 'recommended' : 'highest growth (none qualifies)' }];
  const a = configs[anchor].params;
  // Configs equal to the anchor in every grid field but the safety factor; for each target
  // safety factor the nearest one (ties: the smaller).
  const siblings = configs.filter((c) => Object.keys(a).every((key) => key === 'safetyFactor' || canonicalJson(c.params[key]) === canonicalJson(a[key])));
  for (const s of FAN_SAFETY_FACTORS) {
    let match: ConfigStatistics | undefined;
    for (const c of siblings) {
      const d = Math.abs(c.safetyFactor - s);
      const best = match === undefined ? Infinity : Math.abs(match.safetyFactor - s);
      if (d < best - 1e-12 || (Math.abs(d - best) <= 1e-12 && match !== undefined && c.safetyFactor < match.safetyFactor)) match = c;
    }
    if (match === undefined || chosen.some((x) => x.index === match.index)) continue;
    chosen.push({ index: match.index, label: match.safetyFactor === s ? `safety ${s}` : `safety ${match.safetyFactor} (nearest ${s})` });
  }
  const series: FanSeries[] = [];
  const hist = raw.counts.fanHist;
  if (K > 0 && hist.length === configs.length * K * FAN_BINS) {
    for (const { index, label } of chosen) {
      const quantiles = QUANTILE_LEVELS.map((q) => {
        const out: number[] = [];
        for (let j = 0; j < K; j++) out.push(histQuantile(hist, (index * K + j) * FAN_BINS, ctx.inputs.paths, q));
        return out;
      });
      series.push({ configIndex: index, label, safetyFactor: configs[index].safetyFactor, evThreshold: configs[index].evThreshold, quantiles });
    }
  }
  return {
    checkpoints: ctx.checkpoints.map((r) => r + 1),
    quantiles: [...QUANTILE_LEVELS],
    method: 'log10-histogram',
    minLog10: FAN_MIN_LOG10,
    maxLog10: FAN_MAX_LOG10,
    binWidthLog10: FAN_BIN_WIDTH,
    series,
  };
}

/** Nearest-rank q-quantile of a fan histogram, as its bin's geometric centre (multiple of the start). */
function histQuantile(hist: Int32Array, at: number, n: number, q: number): number {
  const rank = Math.max(1, Math.ceil(q * n));
  let c = 0;
  for (let b = 0; b < FAN_BINS; b++) {
    c += hist[at + b];
    if (c >= rank) {
      if (b === 0) return 0;
      if (b === FAN_BINS - 1) return Math.pow(10, FAN_MAX_LOG10);
      return Number(Math.pow(10, FAN_MIN_LOG10 + (b - 0.5) * FAN_BIN_WIDTH).toPrecision(6));
    }
  }
  return Number.NaN;
}
