/**
 * Benchmark: load a dataset of about a million runner rows with readDataset.
 * Generates the rows in memory (seeded), writes them with writeDataset to a temporary folder,
 * then times readDataset (hashing, Arrow decoding and the columnar views) over a few runs.
 * Options: --runners N (default 1000000), --runs K (default 5). Prints wall and CPU seconds
 * (CPU time is the steadier figure on a shared machine) and rows/s; the last line is one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { readDataset, writeDataset, type DatasetRows, type PayoutRow, type RaceRow, type RunnerRow } from '../src/data/index.ts';
import { benchOptions, quantileSorted, secondsSince } from './util.ts';

function generate(targetRunners: number, seed: string): DatasetRows {
  const rng = seedrandom(seed);
  const races: RaceRow[] = [];
  const runners: RunnerRow[] = [];
  const payouts: PayoutRow[] = [];
  const venues = ['Tokyo', 'Nakayama', 'Kyoto', 'Hanshin', 'Chukyo', 'Niigata', 'Fukushima', 'Kokura', 'Sapporo', 'Hakodate'];
  let day = 0;
  while (runners.length < targetRunners) {
    const id = races.length;
    if (id % 36 === 0) day++;
    const date = new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(0, 10);
    const n = 8 + Math.floor(rng() * 11);
    const raceId = `R${String(id).padStart(7, '0')}`;
    const raceNo = (id % 12) + 1;
    races.push({
      raceId,
      date,
      postTime: `${date}T${String(9 + (id % 12)).padStart(2, '0')}:${String((id % 3) * 10).padStart(2, '0')}`,
      venue: venues[Math.floor(id / 12) % venues.length],
      raceNo,
      surface: rng() < 0.5 ? 'turf' : 'dirt',
      distanceM: 1000 + 200 * Math.floor(rng() * 10),
      fieldSize: n,
      source: 'bench',
    });
    for (let k = 1; k <= n; k++) {
      runners.push({
        raceId,
        runner: k,
        bracket: Math.min(8, k),
        status: 'ran',
        finishPos: k,
        winOddsFinal: Math.round((1.1 + rng() * 99) * 10) / 10,
        popularity: k,
      });
    }
    payouts.push({ raceId, betType: 'win', combination: '1', payoutPer100: 150 + Math.floor(rng() * 2000) });
    payouts.push({ raceId, betType: 'quinella', combination: '1-2', payoutPer100: 300 + Math.floor(rng() * 9000) });
    payouts.push({ raceId, betType: 'trifecta', combination: '1>2>3', payoutPer100: 1000 + Math.floor(rng() * 90000) });
  }
  return { races, runners, payouts };
}

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, { runners: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } });
  const target = Number(opts.runners);
  const runs = Math.max(1, Number(opts.runs));
  const root = await mkdtemp(join(tmpdir(), 'keiba-bench-'));
  try {
    let t = process.hrtime.bigint();
    const rows = generate(target, 'data-load');
    const genS = secondsSince(t);
    const dir = join(root, 'ds');
    const w0 = process.cpuUsage();
    t = process.hrtime.bigint();
    await writeDataset(dir, rows, { source: 'bench', currency: 'JPY', payoutUnit: 'per 100 JPY' }, { created: '2000-01-01T00:00:00.000Z' });
    const writeS = secondsSince(t);
    const w1 = process.cpuUsage(w0);
    const writeCpu = (w1.user + w1.system) / 1e6;
    const times: number[] = [];
    const cpu: number[] = [];
    let runnerRows = 0;
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      t = process.hrtime.bigint();
      const ds = await readDataset(dir);
      times.push(secondsSince(t));
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1e6);
      runnerRows = ds.runners.length;
    }
    cpu.sort((a, b) => a - b);
    const cpuMedian = quantileSorted(cpu, 0.5);
    times.sort((a, b) => a - b);
    const median = quantileSorted(times, 0.5);
    console.log(`generated ${rows.races.length} races, ${rows.runners.length} runners, ${rows.payouts.length} payouts in ${genS.toFixed(2)} s`);
    console.log(`writeDataset: ${writeS.toFixed(2)} s (CPU ${writeCpu.toFixed(2)} s)`);
    console.log(`readDataset: median ${median.toFixed(3)} s, best ${times[0].toFixed(3)} s over ${runs} runs (${Math.round(runnerRows / median).toLocaleString('en-US')} runner rows/s); CPU median ${cpuMedian.toFixed(3)} s`);
    console.log(
      JSON.stringify({
        bench: 'data-load',
        races: rows.races.length,
        runnerRows,
        payoutRows: rows.payouts.length,
        writeSeconds: +writeS.toFixed(3),
        writeCpuSeconds: +writeCpu.toFixed(3),
        readSecondsMedian: +median.toFixed(4),
        readSecondsBest: +times[0].toFixed(4),
        readCpuSecondsMedian: +cpuMedian.toFixed(4),
        runnerRowsPerSecond: Math.round(runnerRows / median),
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
