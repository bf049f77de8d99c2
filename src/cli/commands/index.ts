/**
 * The command groups of `keiba`, one module each, in the order `--help` lists them.
 * Layer: cli.
 */
import type { CommandModule } from 'yargs';
import { dataCommand } from './data.ts';
import { themisCommand } from './themis.ts';
import { benchCommand } from './bench.ts';

export const commandGroups: CommandModule[] = [dataCommand, themisCommand, benchCommand];
