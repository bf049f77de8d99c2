/**
 * `keiba themis config [--file F] [--json]`: prints the fully defaulted Themis configuration and
 * its hash (the identity promote pins). Layer: cli (reads the file, calls parseConfig and configHash).
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { canonicalJson, configHash, parseConfig } from '../../themis/index.ts';

interface ConfigArgs {
  file?: string;
  json: boolean;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw Object.assign(new Error(`${what}: not JSON (${e instanceof Error ? e.message : String(e)})`), { code: 'BAD_JSON' });
  }
}

export const themisConfigCommand: CommandModule<object, ConfigArgs> = {
  command: 'config',
  describe: 'Print the fully defaulted Themis config and its hash',
  builder: (y: Argv) =>
    y
      .option('file', { type: 'string', nargs: 1, describe: 'JSON config file (- for stdin); default: the defaults' })
      .option('json', { type: 'boolean', default: false, describe: 'print {"config": ..., "hash": ...} as one JSON line' }) as unknown as Argv<ConfigArgs>,
  handler: (argv) => {
    const raw: unknown = argv.file === undefined ? {} : parseJson(readFileSync(argv.file === '-' ? 0 : argv.file, 'utf8'), `--file ${argv.file}`);
    const config = parseConfig(raw);
    const hash = configHash(config);
    if (argv.json) {
      process.stdout.write(`{"config":${canonicalJson(config)},"hash":"${hash}"}\n`);
      return;
    }
    const lines = Object.entries(config).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? canonicalJson(v) : String(v)}`);
    process.stdout.write(`${lines.join('\n')}\nhash: ${hash}\n`);
  },
};
