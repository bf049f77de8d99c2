/**
 * MC1: the Monte Carlo sweep reference workload (../shared/bench/MC1.md). 50 Themis configs
 * (safety 0.1..1.0 x EV threshold 1.00..1.30, no caps) on the MC1 pool, common random numbers,
 * ruin below 100,000 yen from 1,000,000. Prints setup figures, then as its last line one JSON
 * object with steps per second and the per-config table. `seconds` times the simulation only
 * (from workers ready to the last result), not the file load nor the Themis precompute.
 * Usage: npm run bench -- mc1 --pool ../shared/bench/mc1-pool.csv --paths N --threads T [--seed S]
 */
import { availableParallelism } from 'node:os';
import { buildGrid, buildPlan, readMc1Pool, runPaths, summarizeSweep, type SweepContext } from '../src/sim/index.ts';
import { benchOptions, secondsSince } from './util.ts';

const SAFETY = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const THRESHOLDS = [1.0, 1.05, 1.1, 1.2, 1.3];
const BANKROLL = 1_000_000;
const RUIN_LEVEL = 0.1;

export async function runBench(args: string[]): Promise<void> {
  const o = benchOptions(args, {
    pool: { type: 'string', default: '../shared/bench/mc1-pool.csv' },
    paths: { type: 'string', default: '10000' },
    threads: { type: 'string', default: String(availableParallelism()) },
    seed: { type: 'string', default: '1' },
  });
  const paths = Number(o.paths);
  const threads = Number(o.threads);
  const seed = String(o.seed);
  if (!Number.isSafeInteger(paths) || paths < 1) throw new Error(`--paths ${o.paths}: expected an integer >= 1`);
  if (!Number.isSafeInteger(threads) || threads < 1) throw new Error(`--threads ${o.threads}: expected an integer >= 1`);

  let t0 = process.hrtime.bigint();
  const { pool } = readMc1Pool(String(o.pool));
  const loadS = secondsSince(t0);
  t0 = process.hrtime.bigint();
  const grid = {
    base: { maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0, pointLimitPerDay: null },
    fields: { safetyFactor: SAFETY, evThreshold: THRESHOLDS },
  };
  const configs = buildGrid(grid);
  const plan = buildPlan(pool, configs, BANKROLL, RUIN_LEVEL);
  const planS = secondsSince(t0);
  const races = plan.races;
  console.log(`MC1: ${races} races, ${pool.runner.length} runners, ${configs.length} configs, ${paths} paths, ${threads} thread(s), seed ${seed}`);
  console.log(`load ${loadS.toFixed(3)} s, Themis allocate precompute ${planS.toFixed(3)} s (${plan.groupClass.length} (race, threshold) groups, ${plan.groupFraction.length} (race, config, ticket) fractions)`);

  let simStart = process.hrtime.bigint();
  let cpuStart = process.cpuUsage();
  const spawnStart = process.hrtime.bigint();
  const raw = await runPaths(plan, seed, 0, paths, {
    threads,
    checkpoints: new Int32Array(0),
    onStart: () => {
      simStart = process.hrtime.bigint();
      cpuStart = process.cpuUsage();
    },
  });
  const seconds = secondsSince(simStart);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const withSpawn = secondsSince(spawnStart);
  const steps = paths * races * configs.length;
  console.log(`simulation ${seconds.toFixed(3)} s (${withSpawn.toFixed(3)} s with worker start-up), ${(steps / seconds).toExponential(3)} steps/s`);
  // CPU time of all threads of the process: on a shared machine, steps per CPU-second shows the
  // per-core speed the wall clock hides (it is not the benchmark's figure).
  console.log(`cpu ${cpuSeconds.toFixed(3)} s over all threads: ${(steps / cpuSeconds).toExponential(3)} steps per cpu-second`);

  const ctx: SweepContext = {
    inputs: { paths, seed, bankrollYen: BANKROLL, ruinLevel: RUIN_LEVEL, ruinLevelYen: plan.ruinYen, maxRuin: 0.01 },
    source: { kind: 'mc1', spec: `mc1:${o.pool}`, hash: '', races, runners: pool.runner.length, days: 'race-per-day', truth: 'file column p_true' },
    grid,
    configs,
    races,
    checkpoints: [],
  };
  const summary = summarizeSweep(ctx, raw);
  const table = summary.configs.map((c) => ({
    s: c.safetyFactor,
    t: c.evThreshold,
    ruin: c.ruin.value,
    dd30: c.drawdown30.value,
    dd50: c.drawdown50.value,
    mean_log_growth: c.logGrowthTotal.value,
    median_multiple: c.finalMultiple.q50.value,
  }));
  console.log(JSON.stringify({ races, paths, configs: configs.length, threads, seconds: Number(seconds.toFixed(4)), steps_per_s: Math.round(steps / seconds), table }));
}
