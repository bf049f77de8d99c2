/**
 * Hand-made evidence for the promote tests: summary.json files in the shapes `keiba sim sweep`
 * and `keiba sim backtest` write (only the fields promote reads, plus a few for realism), and a
 * races.arrow with per-race stakes and returns like the backtest's.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { configHash, parseConfig, type ThemisConfig } from '../../../src/themis/index.ts';

export const DATASET_HASH = 'b'.repeat(64);
export const SOURCE_HASH = 'c'.repeat(64);

/** A fresh temporary folder. */
export function tempDir(prefix = 'keiba-promote-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A parsed config and its hash. */
export function cfg(raw: Record<string, unknown> = {}): { config: ThemisConfig; hash: string } {
  const config = parseConfig(raw);
  return { config, hash: configHash(config) };
}

function money(values: readonly number[]): Vector {
  const a = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) a[i] = BigInt(values[i]);
  return makeVector(a);
}

/** Per-race returns: `races` races of stake 1,000 each, returning `roi` on average (alternating around it). */
export function racesWith(races: number, roi: number, spread = 0.5): { stake: number[]; ret: number[] } {
  const stake = Array.from({ length: races }, () => 1000);
  const ret = stake.map((s, i) => Math.round(s * roi * (i % 2 === 0 ? 1 - spread : 1 + spread)));
  return { stake, ret };
}

/** Writes a backtest folder: summary.json (and races.arrow unless `perRace` is false). */
export function writeBacktest(
  dir: string,
  o: { hash: string; races?: number; roi?: number; spread?: number; perRace?: 'races' | 'bets' | false; datasetHash?: string; windows?: unknown[] },
): string {
  mkdirSync(dir, { recursive: true });
  const { stake, ret } = racesWith(o.races ?? 600, o.roi ?? 1.3, o.spread ?? 0.5);
  const stakeYen = stake.reduce((a, b) => a + b, 0);
  const returnYen = ret.reduce((a, b) => a + b, 0);
  const summary = {
    strategy: { name: 'fixture', source: 'market', betTypes: ['win'] },
    strategyHash: 'd'.repeat(64),
    configHash: o.hash,
    datasetHash: o.datasetHash ?? DATASET_HASH,
    codeVersion: 'test',
    racesSeen: stake.length + 100,
    racesBet: stake.length,
    totals: { tickets: stake.length, stakeYen, returnYen, profitYen: returnYen - stakeYen, roi: stakeYen > 0 ? returnYen / stakeYen : null, hits: 0, refunds: 0, hitRate: null },
    walkForward: null,
    windows: o.windows ?? [{ testFrom: '2024-01-06', testTo: '2024-12-28', trainFrom: null, races: stake.length + 100 }],
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const ids = stake.map((_, i) => `R${i}`);
  if ((o.perRace ?? 'races') === 'races') {
    const t = new Table({ race_id: vectorFromArray(ids, new Utf8()), stake_yen: money(stake), return_yen: money(ret) });
    writeFileSync(join(dir, 'races.arrow'), tableToIPC(t, 'file'));
  } else if (o.perRace === 'bets') {
    // Two tickets per race, half the stake each.
    const rid = ids.flatMap((r) => [r, r]);
    const t = new Table({
      race_id: vectorFromArray(rid, new Utf8()),
      odds: vectorFromArray(rid.map(() => 2), new Float64()),
      stake_yen: money(stake.flatMap((s) => [s / 2, s / 2])),
      return_yen: money(ret.flatMap((r) => [r, 0])),
    });
    writeFileSync(join(dir, 'bets.arrow'), tableToIPC(t, 'file'));
  }
  return dir;
}

/** Writes a sweep folder whose summary.json has one row per config given. */
export function writeSweep(dir: string, rows: { hash: string; safetyFactor?: number; ruinCount?: number; n?: number }[], created?: string): string {
  mkdirSync(dir, { recursive: true });
  const configs = rows.map((r, index) => {
    const n = r.n ?? 2000;
    const count = r.ruinCount ?? 0;
    const p = count / n;
    // Wilson 95% interval.
    const z = 1.96;
    const den = 1 + (z * z) / n;
    const mid = (p + (z * z) / (2 * n)) / den;
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
    return {
      index,
      configHash: r.hash,
      params: { safetyFactor: r.safetyFactor ?? 0.25 },
      safetyFactor: r.safetyFactor ?? 0.25,
      evThreshold: 1.05,
      ruin: { value: p, lo: Math.max(0, mid - half), hi: Math.min(1, mid + half), count, n },
    };
  });
  const summary = {
    format: 'keiba-sweep-summary',
    version: 1,
    sweepId: 'sweep-fixture',
    ...(created !== undefined ? { created } : {}),
    inputs: { paths: rows[0]?.n ?? 2000, seed: '1', bankrollYen: 1_000_000, ruinLevel: 0.1, ruinLevelYen: 100_000, maxRuin: 0.01 },
    source: { kind: 'dataset', spec: 'dataset:D', hash: SOURCE_HASH, races: 3456, runners: 48000, days: 'dates', truth: 'truth table' },
    grid: { base: {}, fields: { safetyFactor: rows.map((r) => r.safetyFactor ?? 0.25) } },
    configHashes: rows.map((r) => r.hash),
    configs,
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return dir;
}
