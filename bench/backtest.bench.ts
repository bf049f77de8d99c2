/**
 * Benchmark of the backtest replay on a synthetic decade (about 35,000 races): the win-only
 * replay of a model strategy (goal: at least 50,000 races/s), of a flat favourite bet (a ticket
 * settled in every race) and the replay with all eight bet
 * types on synthetic public odds of every combination (goal: at least 2,000 races/s; odds from
 * the public's finishing-order distribution, for speed measurement only), on one thread (its first
 * run in the process, then a second run) and on `--threads` threads (stage 1 of the decisions in
 * threads - 1 workers of a StageOnePool loaded before the timing, and in the replay thread while it
 * would wait). The drawdown halt is
 * off so every race is decided; times cover runBacktest (decisions, settlement, ledger,
 * summary), the writing of the output files is timed apart; races per CPU-second are printed too
 * (informational on a shared machine), and the time of the first replay, kept out of the median
 * (it also turns the dataset's win snapshots into numbers, kept for the next replays). Run with
 * `keiba bench backtest [--data DIR] [--years 10] [--seed 1] [--runs 3] [--eight-races 2000] [--threads 2]`
 * (`--eight-races 40000` replays the whole decade with eight bet types, about 1.5 minutes a run);
 * without --data the decade is generated into a temporary folder first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset, writeDataset } from '../src/data/index.ts';
import { generateDataset } from '../src/data/synthetic/index.ts';
import { backtestFiles, runBacktest, StageOnePool } from '../src/sim/backtest/index.ts';
import { BET_TYPES } from '../src/themis/index.ts';
import { parseStrategy } from '../src/strategies/index.ts';
import { benchOptions, quantileSorted, secondsSince } from './util.ts';

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, {
    data: { type: 'string' },
    years: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'eight-races': { type: 'string', default: '2000' },
    threads: { type: 'string', default: '2' },
  });
  let dir = opts.data;
  if (dir === undefined) {
    dir = join(mkdtempSync(join(tmpdir(), 'keiba-bench-bt-')), 'syn');
    const t = process.hrtime.bigint();
    await writeDataset(dir, generateDataset({ years: Number(opts.years), seed: String(opts.seed) }), { source: 'synthetic', currency: 'JPY', payoutUnit: 'per 100 JPY' }, { created: '2024-01-01T00:00:00.000Z' });
    process.stdout.write(`generated ${opts.years} years into ${dir} in ${secondsSince(t).toFixed(1)} s\n`);
  }
  const t0 = process.hrtime.bigint();
  const ds = await readDataset(dir);
  process.stdout.write(`dataset: ${ds.races.length} races, ${ds.runners.length} runners, read in ${secondsSince(t0).toFixed(2)} s\n`);

  const win = parseStrategy({ name: 'bench-win', source: { kind: 'predictions', model: 'model' }, betTypes: ['win'], drawdown: null });
  const times: number[] = [];
  const cpu: number[] = [];
  // The first replay on a dataset also turns its win snapshots into numbers (kept with the dataset): timed apart.
  const tc = process.hrtime.bigint();
  let result = runBacktest(ds, win);
  const cold = secondsSince(tc);
  for (let k = 0; k < Number(opts.runs); k++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    result = runBacktest(ds, win);
    times.push(secondsSince(t));
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1e6);
  }
  cpu.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const med = quantileSorted(times, 0.5);
  const tf = process.hrtime.bigint();
  const files = backtestFiles(result);
  const encode = secondsSince(tf);
  const bytes = Object.values(files).reduce((a, f) => a + (typeof f === 'string' ? f.length : f.byteLength), 0);
  const s = result.summary;
  process.stdout.write(
    `win only: ${s.racesSeen} races (${s.racesBet} bet, ${s.totals.tickets} tickets, ${result.rejections.reason.length} rejections) ` +
      `median ${med.toFixed(3)} s over ${times.length} runs = ${Math.round(s.racesSeen / med).toLocaleString('en-US')} races/s (goal 50,000); ` +
      `${Math.round(s.racesSeen / quantileSorted(cpu, 0.5)).toLocaleString('en-US')} races per CPU-second (informational on a shared machine); ` +
      `first replay on the dataset ${cold.toFixed(3)} s; ` +
      `output files ${(bytes / 1e6).toFixed(1)} MB encoded in ${encode.toFixed(2)} s\n`,
  );

  // A flat 100 on every favourite from a large bankroll: a ticket settled and written to the ledger in every race.
  const fav = parseStrategy({ name: 'bench-fav', source: { kind: 'baseline', rule: 'favourite_flat', stakeYen: 100 }, betTypes: ['win'], drawdown: null });
  const cf = process.cpuUsage();
  const tfav = process.hrtime.bigint();
  const rf = runBacktest(ds, fav, { bankrollYen: 1_000_000_000 });
  const secFav = secondsSince(tfav);
  const df = process.cpuUsage(cf);
  process.stdout.write(
    `win only, favourite flat (settles every race): ${rf.summary.racesSeen} races (${rf.summary.racesBet} bet, ${rf.summary.bankroll.ledgerEntries} ledger entries) in ${secFav.toFixed(3)} s = ` +
      `${Math.round(rf.summary.racesSeen / secFav).toLocaleString('en-US')} races/s; ${Math.round(rf.summary.racesSeen / ((df.user + df.system) / 1e6)).toLocaleString('en-US')} races per CPU-second\n`,
  );

  // All eight bet types: on one thread, then with stage 1 of the decisions in worker threads
  // (a pool started and loaded before the timing, its start-up printed apart; the pool's first
  // replay also warms its workers' compiled code, so the figure is the median of the runs after it).
  const n = Math.min(Number(opts['eight-races']), ds.races.length);
  const lastDate = ds.races.date[n - 1];
  // A stake cap per race: on synthetic public odds the model's edge compounds, and over the whole
  // decade an uncapped bankroll would leave the exact integer range (the ledger refuses it).
  const eight = parseStrategy({ name: 'bench-eight', source: { kind: 'predictions', model: 'model' }, betTypes: [...BET_TYPES], drawdown: null, themis: { maxStakePerRaceYen: 100_000 } });
  const eightRun = (pool?: StageOnePool) => {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    const r = runBacktest(ds, eight, { to: lastDate, exoticOdds: 'synthetic-public', ...(pool === undefined ? {} : { stageOnePool: pool }) });
    const sec = secondsSince(t);
    const d = process.cpuUsage(c);
    // Only the summary is kept: a whole decade's result (bets, ledger, rejections) held during the
    // next runs would time their garbage collection, not the replay.
    return { r: { summary: r.summary, stageOne: r.stageOne }, sec, cpu: (d.user + d.system) / 1e6 };
  };
  const line = (label: string, x: ReturnType<typeof eightRun>, extra = ''): string =>
    `eight bet types (synthetic public odds, speed only), ${label}: ${x.r.summary.racesSeen} races to ${lastDate} (${x.r.summary.racesBet} bet, ${x.r.summary.totals.tickets} tickets) ` +
    `in ${x.sec.toFixed(2)} s = ${(x.r.summary.racesSeen / x.sec).toFixed(1)} races/s (goal 2,000); ${(x.r.summary.racesSeen / x.cpu).toFixed(1)} races per CPU-second${extra}\n`;
  const first1 = eightRun();
  process.stdout.write(line('1 thread, first run in the process', first1));
  const warm = eightRun();
  process.stdout.write(line('1 thread, second run', warm));
  const threads = Number(opts.threads);
  if (threads > 1) {
    const ts = process.hrtime.bigint();
    const pool = new StageOnePool(threads - 1); // as the threads option: threads - 1 workers, the replay thread computes too
    try {
      pool.waitUntilReady();
      process.stdout.write(`stage-1 pool of ${threads - 1} worker thread(s) loaded in ${secondsSince(ts).toFixed(2)} s (not timed below)\n`);
      const first = eightRun(pool);
      process.stdout.write(line(`${threads} threads, first run on the pool (worker compiling)`, first));
      const runs = Array.from({ length: Math.max(1, Number(opts.runs)) }, () => eightRun(pool));
      runs.sort((a, b) => a.sec - b.sec);
      const med = runs[runs.length >> 1];
      const same = runs.every((x) => JSON.stringify(x.r.summary) === JSON.stringify(warm.r.summary));
      const where = `stage 1 of ${med.r.stageOne.inWorkers} races in the worker(s), ${med.r.stageOne.inReplayThread} in the replay thread`;
      process.stdout.write(line(`${threads} threads, median of ${runs.length} runs`, med, `; ${where}; summary identical to 1 thread: ${same}`));
    } finally {
      pool.close();
    }
  }
}
