/**
 * The `keiba` command line: wires the command groups together with yargs and maps errors to
 * exit statuses. Layer: cli (holds no logic of its own; each command calls one library function).
 */
import yargs, { type Argv } from 'yargs';
import { commandGroups } from './commands/index.ts';
import { EXIT_BAD_INPUT, EXIT_OK, exitStatusOf, isCodedError } from './errors.ts';

/** Builds the yargs parser for `argv` (exported so tests can inspect the command tree). */
export function buildParser(argv: string[]): Argv {
  let parser = yargs(argv)
    .scriptName('keiba')
    .usage('$0 <group> <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command group: see keiba --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false);
  for (const group of commandGroups) parser = parser.command(group);
  return parser;
}

/**
 * Runs the CLI with the given arguments and resolves to the exit status.
 * A command reports a status other than 0 by setting `process.exitCode` or by throwing.
 */
export async function main(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  const parser = buildParser(argv).fail((msg, err) => {
    if (err) throw err;
    usageError = msg;
  });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (usageError === undefined) {
      process.stderr.write(`keiba: ${errorText(e)}\n`);
      return exitStatusOf(e);
    }
  }
  if (usageError !== undefined) {
    process.stderr.write(`keiba: ${usageError}\nRun with --help for usage.\n`);
    return EXIT_BAD_INPUT;
  }
  const code = process.exitCode;
  return typeof code === 'number' ? code : EXIT_OK;
}

function errorText(e: unknown): string {
  if (isCodedError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
