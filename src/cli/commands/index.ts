/**
 * The command groups of `keiba`, one module each, in the order `--help` lists them.
 * Layer: cli.
 */
import { command, type AnyCommand } from '../command.ts';
import { benchCommand } from './bench.ts';
import { dataCommand } from './data.ts';
import { liveCommand } from './live.ts';
import { promoteCommand } from './promote.ts';
import { reportCommand } from './report.ts';
import { simCommand } from './sim.ts';
import { themisCommand } from './themis.ts';

export const commandGroups: AnyCommand[] = [
  command(dataCommand),
  command(themisCommand),
  command(simCommand),
  command(reportCommand),
  command(liveCommand),
  command(promoteCommand),
  command(benchCommand),
];
