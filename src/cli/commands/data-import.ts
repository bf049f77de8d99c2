/**
 * `keiba data import SOURCE PATH --out DIR`: runs a registered importer and writes the dataset
 * (atomically, with `import-report.json` inside); prints what was read. Layer: cli.
 */
import type { Argv, CommandModule } from 'yargs';
import { DataError, IMPORTERS, assertOutFree, importerFor, writeDataset, type ImportReport } from '../../data/index.ts';

interface ImportArgs {
  source: string;
  path: string;
  out: string;
  'skip-bad-rows': boolean;
  overwrite: boolean;
  json: boolean;
}

/** The text summary of an import. */
function summary(report: ImportReport, out: string): string {
  const row = (label: string, n: number): string => `  ${label.padEnd(20)}${n}`;
  const lines = [
    `imported ${report.source} into ${out}`,
    row('files read', report.files),
    row('races', report.races),
    row('runners', report.runners),
    row('scratches', report.scratches),
    row('dead heats', report.deadHeats),
    row('duplicates dropped', report.duplicatesDropped),
    row('rows refused', report.refused.length),
  ];
  for (const r of report.refused.slice(0, 10)) lines.push(`    ${r.file}:${r.line} ${r.field} = '${r.value}': ${r.reason}`);
  if (report.refused.length > 10) lines.push(`    ... ${report.refused.length - 10} more in import-report.json`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export const dataImportCommand: CommandModule<object, ImportArgs> = {
  command: 'import <source> <path>',
  describe: 'Import a source into a dataset folder (nothing is written unless the whole import succeeds)',
  builder: (y: Argv) =>
    y
      .positional('source', { type: 'string', demandOption: true, describe: `importer: ${Object.keys(IMPORTERS).join(', ')}` })
      .positional('path', { type: 'string', demandOption: true, describe: 'file or folder to import' })
      .option('out', { type: 'string', demandOption: true, describe: 'dataset folder to write (absent or empty)' })
      .option('skip-bad-rows', { type: 'boolean', default: false, describe: 'skip malformed rows (listed in the report) instead of failing' })
      .option('overwrite', { type: 'boolean', default: false, describe: 'replace an existing dataset folder' })
      .option('json', { type: 'boolean', default: false, describe: 'print the import report as JSON' }) as unknown as Argv<ImportArgs>,
  handler: async (argv) => {
    const importer = importerFor(argv.source);
    if (!importer) {
      throw new DataError('DATA_UNKNOWN_SOURCE', `unknown source (known: ${Object.keys(IMPORTERS).sort().join(', ')})`, { field: 'source', value: argv.source });
    }
    await assertOutFree(argv.out, argv.overwrite); // fail before a long import, not after
    const { rows, report, meta } = await importer.run(argv.path, { skipBadRows: argv['skip-bad-rows'] });
    await writeDataset(argv.out, rows, meta, {
      overwrite: argv.overwrite,
      extraFiles: { 'import-report.json': `${JSON.stringify(report, null, 2)}\n` },
    });
    process.stdout.write(argv.json ? `${JSON.stringify({ out: argv.out, ...report })}\n` : summary(report, argv.out));
  },
};
