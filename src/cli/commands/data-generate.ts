/**
 * `keiba data generate --years N --seed S --out DIR [--start-date D] [--model-skill x]
 * [--overconfidence y] [--no-odds-snapshots] [--created T] [--overwrite] [--json]`: generates a synthetic JRA-like
 * dataset and writes it atomically. The manifest's `created` defaults to the start date at
 * 00:00 UTC, so the same command writes byte-identical files. Layer: cli (parses options,
 * calls writeSyntheticDataset, prints a summary).
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_START_DATE, writeSyntheticDataset, type GenerateOptions } from '../../data/synthetic/index.ts';

interface GenerateArgs {
  years: number;
  seed: string;
  out: string;
  startDate: string;
  modelSkill?: number;
  overconfidence?: number;
  oddsSnapshots: boolean;
  created?: string;
  overwrite: boolean;
  json: boolean;
}

export const dataGenerateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Generate a synthetic JRA-like dataset (races, pools, payouts, odds, predictions, truth)',
  builder: (y: Argv) =>
    y
      .option('years', { type: 'number', default: 1, describe: 'length in years (a fraction adds days)' })
      .option('seed', { type: 'string', default: '1', describe: 'seed: the same seed and options give the same files' })
      .option('out', { type: 'string', demandOption: true, describe: 'dataset folder to write' })
      .option('start-date', { type: 'string', default: DEFAULT_START_DATE, describe: 'first day, YYYY-MM-DD' })
      .option('model-skill', { type: 'number', describe: "correlation of the model's strength estimates with the truth, 0..1 (default 0.99)" })
      .option('overconfidence', { type: 'number', describe: "power sharpening the model's probabilities, > 1 overconfident (default 1.1)" })
      .option('odds-snapshots', { type: 'boolean', default: true, describe: 'write win-odds snapshots (--no-odds-snapshots for a smaller dataset)' })
      .option('created', { type: 'string', describe: 'manifest timestamp (default: the start date at 00:00 UTC)' })
      .option('overwrite', { type: 'boolean', default: false, describe: 'replace an existing dataset folder' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as one JSON line' }) as unknown as Argv<GenerateArgs>,
  handler: async (argv) => {
    const options: GenerateOptions = { years: argv.years, seed: argv.seed, startDate: argv.startDate, oddsSnapshots: argv.oddsSnapshots };
    if (argv.modelSkill !== undefined) options.modelSkill = argv.modelSkill;
    if (argv.overconfidence !== undefined) options.overconfidence = argv.overconfidence;
    const written = await writeSyntheticDataset(argv.out, options, { overwrite: argv.overwrite, created: argv.created });
    const summary = {
      out: argv.out,
      races: written.races,
      runners: written.runners,
      payouts: written.payouts,
      oddsSnapshots: written.oddsSnapshots,
      predictions: written.predictions,
      dateRange: written.manifest.dateRange,
      generatedSeconds: written.generatedSeconds,
    };
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const range = summary.dateRange ? `${summary.dateRange.from} to ${summary.dateRange.to}` : 'no races';
    process.stdout.write(
      `wrote ${argv.out}: ${summary.races} races (${range}), ${summary.runners} runners, ${summary.payouts} payouts, ` +
        `${summary.oddsSnapshots} odds snapshots, predictions: ${summary.predictions.join(', ')} ` +
        `(generated in ${summary.generatedSeconds} s)\n`,
    );
  },
};
