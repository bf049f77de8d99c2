/**
 * Typing helper for yargs command modules. Layer: cli.
 * A command module is typed by its own options; groups hold them side by side, so each is
 * registered through `command()`, which forgets its option types once they have been checked.
 */
import type { CommandModule } from 'yargs';

/** A command module with its option types erased, ready to be listed in a group. */
export type AnyCommand = CommandModule<object, object>;

/** Registers a typed command module in a group's list. */
export function command<T>(module: CommandModule<object, T>): AnyCommand {
  return module as unknown as AnyCommand;
}
