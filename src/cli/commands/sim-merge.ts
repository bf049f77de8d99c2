/**
 * `keiba sim merge DIR... --out DIR`: combines the shard files of a sweep into the result of
 * one run (byte-identical summary.json and sweep.arrow). Layer: cli (calls mergeShardFiles).
 */
import type { Argv, CommandModule } from 'yargs';
import { formatSummaryJson, formatSweepTable, mergeShardFiles, writeSweepFolder } from '../../sim/index.ts';

interface MergeArgs {
  dirs: string[];
  out: string;
  json: boolean;
  force: boolean;
}

export const simMergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Merge the shard files (shard-*.arrow) of a sweep into its results folder',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'folders (or files) holding shard-*.arrow' })
      .option('out', { type: 'string', demandOption: true, describe: 'results folder to write' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing output' }) as unknown as Argv<MergeArgs>,
  handler: (argv) => {
    const summary = mergeShardFiles(argv.dirs);
    writeSweepFolder(argv.out, summary, argv.force);
    process.stdout.write(argv.json ? formatSummaryJson(summary) : `${formatSweepTable(summary)}wrote ${argv.out}\n`);
  },
};
