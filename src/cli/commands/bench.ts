/**
 * `keiba bench <name> [args...]`: runs the benchmark script `bench/<name>.bench.ts`, which
 * exports `runBench(args: string[]): Promise<void>` and prints its figures. Layer: cli.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Argv, CommandModule } from 'yargs';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bench');

/** Names of the benchmarks found under bench/. */
export function benchNames(): string[] {
  if (!existsSync(BENCH_DIR)) return [];
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

interface BenchArgs {
  name: string;
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench <name>',
  describe: 'Run a benchmark from bench/ (its own options follow the name)',
  builder: (y: Argv) =>
    y
      .positional('name', { type: 'string', demandOption: true, describe: `one of: ${benchNames().join(', ')}` })
      .strict(false)
      .parserConfiguration({ 'unknown-options-as-args': true }) as unknown as Argv<BenchArgs>,
  handler: async (argv) => {
    const names = benchNames();
    if (!names.includes(argv.name)) {
      throw Object.assign(new Error(`unknown benchmark '${argv.name}' (have: ${names.join(', ')})`), {
        code: 'BENCH_UNKNOWN',
      });
    }
    const rest = process.argv.slice(process.argv.indexOf(argv.name) + 1);
    const mod = (await import(pathToFileURL(resolve(BENCH_DIR, `${argv.name}.bench.ts`)).href)) as {
      runBench: (args: string[]) => Promise<void>;
    };
    await mod.runBench(rest);
  },
};
