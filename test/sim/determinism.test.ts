import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShard, encodeShard, formatSummaryJson, mergeShards, runSweep, runSweepShard, summaryToArrow, type SweepOptions } from '../../src/sim/index.ts';
import { writeBacktestRunFixture, writeMc1Fixture } from './fixtures.ts';

const file = writeMc1Fixture(60, 'determinism');
const options: SweepOptions = {
  source: `mc1:${file}`,
  paths: 90,
  seed: '42',
  safetyFactors: [0.25, 0.5, 1],
  evThresholds: [1.0, 1.1],
  maxRuin: 0.05,
  checkpoints: 20,
};

describe('runSweep(options) is deterministic', () => {
  it('gives identical summary.json and sweep.arrow bytes on 1 and 2 threads', async () => {
    const one = await runSweep({ ...options, threads: 1 });
    const two = await runSweep({ ...options, threads: 2 });
    expect(formatSummaryJson(two)).toBe(formatSummaryJson(one));
    expect(Buffer.from(summaryToArrow(two)).equals(Buffer.from(summaryToArrow(one)))).toBe(true);
    expect(one.fan.series.length).toBeGreaterThan(0);
  });

  it('gives the bytes of one run when 3 shards (written and read back as Arrow) are merged in any order', async () => {
    const whole = formatSummaryJson(await runSweep({ ...options, threads: 1 }));
    const shards = [];
    for (const k of [2, 0, 1]) {
      const s = await runSweepShard({ ...options, threads: 1 }, k, 3);
      shards.push(decodeShard(encodeShard(s), `shard-${k}`));
    }
    const merged = mergeShards(shards, ['a', 'b', 'c']);
    expect(formatSummaryJson(merged)).toBe(whole);
  });

  it('refuses shards of different sweeps, repeated shards and missing ones (mergeShards)', async () => {
    const a0 = await runSweepShard({ ...options, threads: 1 }, 0, 2);
    const a1 = await runSweepShard({ ...options, threads: 1 }, 1, 2);
    const b1 = await runSweepShard({ ...options, seed: '7', threads: 1 }, 1, 2);
    expect(() => mergeShards([a0, b1], ['a0', 'b1'])).toThrow(/SIM_BAD_SHARD|belongs to sweep/);
    expect(() => mergeShards([a0, a0], ['a0', 'a0bis'])).toThrow(/shard 0 repeats a0/);
    expect(() => mergeShards([a1], ['a1'])).toThrow(/missing shard\(s\) 0 of 2/);
    expect(mergeShards([a1, a0], ['a1', 'a0']).inputs.paths).toBe(options.paths);
  });

  it('changes with the seed', async () => {
    const a = await runSweep({ ...options, threads: 1 });
    const b = await runSweep({ ...options, seed: '43', threads: 1 });
    expect(formatSummaryJson(a)).not.toBe(formatSummaryJson(b));
  });
});

describe('runSweep on a backtest:RUN bootstrap source is deterministic', () => {
  let boot: SweepOptions;
  beforeAll(async () => {
    const run = await writeBacktestRunFixture(12, 5, 'determinism');
    boot = { ...options, source: `backtest:${run}`, bootstrap: 'day', races: 40, paths: 60 };
  }, 60_000);

  it('gives identical bytes on 1 and 2 threads, by day and by race', async () => {
    for (const unit of ['day', 'race']) {
      const one = await runSweep({ ...boot, bootstrap: unit, threads: 1 });
      const two = await runSweep({ ...boot, bootstrap: unit, threads: 2 });
      expect(formatSummaryJson(two)).toBe(formatSummaryJson(one));
      expect(Buffer.from(summaryToArrow(two)).equals(Buffer.from(summaryToArrow(one)))).toBe(true);
      expect(one.source.bootstrap?.unit).toBe(unit);
    }
  });

  it('gives the bytes of one run when 3 shards are merged', async () => {
    const whole = formatSummaryJson(await runSweep({ ...boot, threads: 1 }));
    const shards = [];
    for (const k of [1, 2, 0]) shards.push(decodeShard(encodeShard(await runSweepShard({ ...boot, threads: 1 }, k, 3)), `shard-${k}`));
    expect(formatSummaryJson(mergeShards(shards, ['a', 'b', 'c']))).toBe(whole);
  });

  it('changes with the seed and with the unit', async () => {
    const a = formatSummaryJson(await runSweep({ ...boot, threads: 1 }));
    expect(formatSummaryJson(await runSweep({ ...boot, seed: '43', threads: 1 }))).not.toBe(a);
    expect(formatSummaryJson(await runSweep({ ...boot, bootstrap: 'race', threads: 1 }))).not.toBe(a);
  });
});
