/**
 * Benchmark of the synthetic generator: generates `--years` years (default 1) `--runs` times
 * (default 3) and prints races per second and the median time. Run with
 * `keiba bench generate [--years N] [--runs K] [--seed S]`.
 */
import { generateDataset } from '../src/data/synthetic/index.ts';
import { benchOptions, quantileSorted, secondsSince } from './util.ts';

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, {
    years: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: 'bench' },
  });
  const years = Number(opts.years);
  const runs = Number(opts.runs);
  const times: number[] = [];
  let races = 0;
  let rows = 0;
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint();
    const d = generateDataset({ years, seed: String(opts.seed) });
    times.push(secondsSince(start));
    races = d.races.length;
    rows = d.races.length + d.runners.length + d.payouts.length + (d.oddsSnapshots?.length ?? 0) + (d.truth?.length ?? 0) +
      Object.values(d.predictions ?? {}).reduce((a, p) => a + p.length, 0);
  }
  times.sort((a, b) => a - b);
  const median = quantileSorted(times, 0.5);
  process.stdout.write(
    `generate: ${years} year(s), ${races} races, ${rows} rows; median ${median.toFixed(3)} s over ${runs} runs ` +
      `(${Math.round(races / median)} races/s, best ${times[0].toFixed(3)} s)\n`,
  );
}
