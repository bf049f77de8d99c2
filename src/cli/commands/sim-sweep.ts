/**
 * `keiba sim sweep`: a Monte Carlo bankroll sweep over a grid of Themis configurations; prints
 * a compact table (or JSON) and writes `summary.json` and `sweep.arrow` (or, with --shard, one
 * partial result to merge later), then the report (report.html and charts/; --no-report skips it).
 * With no --source it runs on the bundled dataset, generating it on first use.
 * Layer: cli (parses options, calls runSweep / runSweepShard and writeSweepReport).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { writeSyntheticDataset } from '../../data/synthetic/index.ts';
import { writeSweepReport } from '../../report/index.ts';
import {
  DEFAULT_DATASET_DIR,
  createProgressBar,
  encodeShard,
  formatSummaryJson,
  formatSweepTable,
  readSweepFile,
  runSweep,
  runSweepShard,
  shardFileName,
  SimError,
  SWEEP_DEFAULTS,
  writeFileAtomic,
  writeSweepFolder,
  type SweepOptions,
} from '../../sim/index.ts';

interface SweepArgs {
  source?: string;
  paths: number;
  seed: string;
  safety?: string;
  ev?: string;
  'max-ruin': number;
  'ruin-level': number;
  threads?: number;
  shard?: string;
  out?: string;
  json: boolean;
  'sweep-file'?: string;
  bankroll: number;
  overconfidence: number;
  noise: number;
  bootstrap?: string;
  races?: number;
  force: boolean;
  report: boolean;
}

/**
 * The bundled default dataset is generated on first use (one synthetic JRA year, seed 1), so a
 * fresh clone runs `keiba sim sweep` with no download and no argument.
 */
async function ensureDefaultDataset(): Promise<void> {
  if (existsSync(join(DEFAULT_DATASET_DIR, 'dataset.json'))) return;
  process.stderr.write(
    `The bundled dataset ${DEFAULT_DATASET_DIR} is not there yet: generating it ` +
      `(keiba data generate --years 1 --seed 1 --out ${DEFAULT_DATASET_DIR}) ...\n`,
  );
  const written = await writeSyntheticDataset(DEFAULT_DATASET_DIR, { years: 1, seed: '1' });
  process.stderr.write(`wrote ${DEFAULT_DATASET_DIR}: ${written.races} races, ${written.runners} runners\n`);
}

function numberList(text: string | undefined, field: string): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const values = parts.map(Number);
  if (!values.every(Number.isFinite)) throw new SimError('SIM_BAD_OPTION', `'${text}' is not a comma-separated list of numbers`, { field, value: text });
  return values;
}

function parseShard(text: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (m === null) throw new SimError('SIM_BAD_OPTION', `'${text}' is not k/n (0-based shard k of n)`, { field: 'shard', value: text });
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!(n >= 1 && k < n)) throw new SimError('SIM_BAD_OPTION', `shard ${text}: expected 0 <= k < n`, { field: 'shard', value: text });
  return [k, n];
}

export const simSweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep',
  describe: 'Monte Carlo bankroll sweep over Themis configurations (ruin, drawdowns, growth, recommendation)',
  builder: (y: Argv) =>
    y
      .option('source', { type: 'string', describe: `mc1:FILE | dataset:DIR[:MODEL] | binary:P:ODDS:N | backtest:RUN_DIR (default ${SWEEP_DEFAULTS.source})` })
      .option('paths', { type: 'number', default: SWEEP_DEFAULTS.paths, describe: 'simulated bankroll paths' })
      .option('seed', { type: 'string', default: SWEEP_DEFAULTS.seed, describe: 'random seed (same seed, same result)' })
      .option('safety', { type: 'string', describe: 'safety factors, comma-separated (default 0.1,0.2,...,1.0)' })
      .option('ev', { type: 'string', describe: 'EV thresholds, comma-separated (default 1.00,1.05,1.10,1.20,1.30)' })
      .option('max-ruin', { type: 'number', default: SWEEP_DEFAULTS.maxRuin, describe: 'bound on the ruin probability for the recommendation' })
      .option('ruin-level', { type: 'number', default: SWEEP_DEFAULTS.ruinLevel, describe: 'ruin = bankroll below this fraction of the start' })
      .option('threads', { type: 'number', describe: 'worker threads (default: all cores)' })
      .option('shard', { type: 'string', describe: 'run shard k of n (0-based, k/n) and write a partial result to merge' })
      .option('out', { type: 'string', describe: 'output folder (default results/<sweep-id>/)' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('sweep-file', { type: 'string', describe: 'JSON { base: {config fields}, grid: { field: [values] } }' })
      .option('bankroll', { type: 'number', default: SWEEP_DEFAULTS.bankrollYen, describe: 'starting bankroll, yen' })
      .option('overconfidence', { type: 'number', default: 1, describe: 'dataset without truth: p_true ∝ p_model^(1/k)' })
      .option('noise', { type: 'number', default: 0, describe: 'dataset without truth: log-scale noise on p_true' })
      .option('bootstrap', { type: 'string', describe: "backtest source: resample the run's races one by one ('race', default) or by whole race days ('day')" })
      .option('races', { type: 'number', describe: 'backtest source: races per path (default: the races of the run); day draws cut the last day' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing output' })
      .option('report', { type: 'boolean', default: true, describe: 'write report.html and charts/ into the output folder (--no-report to skip)' }) as unknown as Argv<SweepArgs>,
  handler: async (argv) => {
    for (const name of ['source', 'seed', 'safety', 'ev', 'shard', 'out', 'sweep-file', 'bootstrap', 'races'] as const) {
      if (Array.isArray(argv[name])) throw new SimError('SIM_BAD_OPTION', `--${name} is given more than once`, { field: name, value: argv[name] });
    }
    if (argv.source === undefined) await ensureDefaultDataset();
    const bar = createProgressBar(process.stderr, !argv.json, 'paths');
    const options: SweepOptions = {
      source: argv.source,
      paths: argv.paths,
      seed: argv.seed,
      safetyFactors: numberList(argv.safety, 'safety'),
      evThresholds: numberList(argv.ev, 'ev'),
      sweepFile: argv['sweep-file'] !== undefined ? readSweepFile(argv['sweep-file']) : undefined,
      maxRuin: argv['max-ruin'],
      ruinLevel: argv['ruin-level'],
      bankrollYen: argv.bankroll,
      threads: argv.threads,
      overconfidence: argv.overconfidence,
      noise: argv.noise,
      bootstrap: argv.bootstrap,
      races: argv.races,
      onProgress: bar.update,
    };
    if (argv.shard !== undefined) {
      const [k, n] = parseShard(argv.shard);
      const shard = await runSweepShard(options, k, n);
      bar.finish();
      const dir = argv.out ?? join('results', shard.header.sweepId, 'shards');
      const file = join(dir, shardFileName(k, n));
      writeFileAtomic(file, encodeShard(shard), argv.force);
      process.stdout.write(argv.json ? `${JSON.stringify({ shard: file, sweepId: shard.header.sweepId, pathStart: shard.header.pathStart, pathEnd: shard.header.pathEnd })}\n` : `wrote ${file} (paths ${shard.header.pathStart}..${shard.header.pathEnd - 1} of ${shard.header.inputs.paths})\n`);
      return;
    }
    const summary = await runSweep(options);
    bar.finish();
    const dir = argv.out ?? join('results', summary.sweepId);
    writeSweepFolder(dir, summary, argv.force);
    const report = argv.report ? `report ${(await writeSweepReport(dir)).html}` : 'report skipped (--no-report)';
    process.stdout.write(argv.json ? formatSummaryJson(summary) : `${formatSweepTable(summary)}wrote ${dir}\n${report}\n`);
  },
};
