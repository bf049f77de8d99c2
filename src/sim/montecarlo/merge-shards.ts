/**
 * Merges the shards of a sweep into the result of one run: per-path finals are placed by path
 * index and integer counts summed, so the summary is byte-identical to a single run's.
 * Layer: sim (reads shard files). Pure apart from reading.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import { buildGrid } from './grid.ts';
import { addKernelCounts, newKernelCounts } from './kernel.ts';
import type { RawPaths } from './run-paths.ts';
import { readShardFile, type SweepShard } from './shard-file.ts';
import { summarizeSweep, type SweepContext } from './summarize.ts';
import type { SweepSummary } from './sweep-summary.ts';

/**
 * Shard files under the given folders (or files): every `shard-*.arrow`, sorted by name.
 * @throws SimError SIM_MISSING_SOURCE for a path that does not exist
 * @example findShardFiles(['shards']) // ['shards/shard-00000-of-00003.arrow', ...]
 */
export function findShardFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new SimError('SIM_MISSING_SOURCE', 'no such file or folder', { file: p });
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/^shard-.*\.arrow$/.test(f)) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/**
 * Merges shards (any order) into the summary of the whole sweep.
 * @param shards - the shards, each read with readShardFile
 * @param files - their file names, for messages (parallel to shards)
 * @throws SimError SIM_BAD_SHARD when shards belong to different sweeps, repeat, or miss an index
 * @example mergeShards(files.map(readShardFile), files).sweepId
 */
export function mergeShards(shards: readonly SweepShard[], files: readonly string[]): SweepSummary {
  if (shards.length === 0) throw new SimError('SIM_BAD_SHARD', 'no shard files found (expected shard-*.arrow)');
  const first = shards[0].header;
  const n = first.shardCount;
  const seen = new Map<number, string>();
  shards.forEach((s, i) => {
    const h = s.header;
    if (h.sweepId !== first.sweepId || h.shardCount !== n) {
      throw new SimError('SIM_BAD_SHARD', `belongs to sweep ${h.sweepId} (${h.shardCount} shards), not ${first.sweepId} (${n} shards)`, { file: files[i], field: 'sweepId', value: h.sweepId });
    }
    const dup = seen.get(h.shardIndex);
    if (dup !== undefined) throw new SimError('SIM_BAD_SHARD', `shard ${h.shardIndex} repeats ${dup}`, { file: files[i], field: 'shardIndex', value: h.shardIndex });
    seen.set(h.shardIndex, files[i]);
  });
  const missing: number[] = [];
  for (let k = 0; k < n; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length > 0) throw new SimError('SIM_BAD_SHARD', `missing shard(s) ${missing.join(', ')} of ${n}`, { field: 'shardIndex', value: missing });

  const configs = buildGrid(first.grid);
  if (canonicalJson(configs.map((c) => c.hash)) !== canonicalJson(first.configHashes)) {
    throw new SimError('SIM_BAD_SHARD', 'the configuration hashes of the shards differ from this version of Themis', { file: files[0], field: 'configHashes' });
  }
  const C = configs.length;
  const paths = first.inputs.paths;
  const counts = newKernelCounts(C, first.races, first.checkpoints.length);
  const finals = new Float64Array(paths * C);
  const covered = new Uint8Array(paths);
  shards.forEach((s, i) => {
    const { pathStart, pathEnd } = s.raw;
    for (let p = pathStart; p < pathEnd; p++) {
      if (covered[p]) throw new SimError('SIM_BAD_SHARD', `path ${p} is in two shards`, { file: files[i] });
      covered[p] = 1;
    }
    finals.set(s.raw.finals, pathStart * C);
    addKernelCounts(counts, s.raw.counts);
  });
  const gap = covered.indexOf(0);
  if (gap >= 0) throw new SimError('SIM_BAD_SHARD', `path ${gap} is in no shard`, { field: 'pathStart', value: gap });
  const raw: RawPaths = { pathStart: 0, pathEnd: paths, finals, counts };
  const context: SweepContext = {
    inputs: first.inputs,
    source: first.source,
    grid: first.grid,
    configs,
    races: first.races,
    checkpoints: first.checkpoints,
    ...(first.created !== undefined ? { created: first.created } : {}),
  };
  return summarizeSweep(context, raw);
}

/**
 * Reads the shard files under `paths` and merges them.
 * @throws SimError as findShardFiles, readShardFile and mergeShards
 * @example mergeShardFiles(['shards']).recommendation
 */
export function mergeShardFiles(paths: readonly string[]): SweepSummary {
  const files = findShardFiles(paths);
  return mergeShards(files.map(readShardFile), files);
}
