/**
 * Benchmark: import the HKJC results and dividends 2016-2023 with importHkjc (reading, parsing,
 * deduplication, joining; writing the dataset is not included).
 * Options: --path DIR (default ../shared/datasets/hkjc/data beside the project), --runs K
 * (default 3). Prints seconds and races/s per run; the last line is one JSON object.
 * The goal is under 5 s for the 2016-2023 import.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importHkjc } from '../src/data/importers/hkjc.ts';
import { benchOptions, quantileSorted, secondsSince } from './util.ts';

const DEFAULT_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/datasets/hkjc/data');

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, { path: { type: 'string', default: DEFAULT_PATH }, runs: { type: 'string', default: '3' } });
  const path = String(opts.path);
  const runs = Math.max(1, Number(opts.runs));
  if (!existsSync(path)) throw new Error(`HKJC data folder not found: ${path} (pass --path DIR)`);
  const times: number[] = [];
  let races = 0;
  let runners = 0;
  let payouts = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const { rows } = await importHkjc(path, { skipBadRows: false });
    const s = secondsSince(t);
    times.push(s);
    races = rows.races.length;
    runners = rows.runners.length;
    payouts = rows.payouts.length;
    console.log(`run ${i + 1}: ${s.toFixed(3)} s, ${Math.round(races / s).toLocaleString('en-US')} races/s`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = quantileSorted(sorted, 0.5);
  console.log(`importHkjc: ${races} races, ${runners} runners, ${payouts} payouts; median ${median.toFixed(3)} s, best ${sorted[0].toFixed(3)} s over ${runs} runs (${Math.round(races / median).toLocaleString('en-US')} races/s; goal < 5 s)`);
  console.log(
    JSON.stringify({
      bench: 'import-hkjc',
      races,
      runners,
      payouts,
      secondsMedian: +median.toFixed(4),
      secondsBest: +sorted[0].toFixed(4),
      racesPerSecond: Math.round(races / median),
    }),
  );
}
