/**
 * `keiba promote CONFIG --evidence DIR... --state DIR`: the default command of the promote
 * group. Checks every gate of the policy against the evidence and, only when none refuses,
 * records the promotion and rewrites promoted.json. A refusal exits 1 naming each failed gate
 * with its measured value and limit, and changes nothing. Layer: cli (parses options, calls
 * promoteConfig).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { formatGate, parsePolicy, promoteConfig, PromoteError, readCalendar, readCandidateConfig, type GateResult, type PromotionPolicy } from '../../live/promote/index.ts';
import { CheckFailedError } from '../errors.ts';

interface RunArgs {
  config: string;
  evidence: string[];
  state: string;
  policy?: string;
  calendar?: string;
  force: boolean;
  reason?: string;
  by?: string;
  json: boolean;
}

/**
 * The operator's name recorded in the history: --by, else $KEIBA_OPERATOR, else the login name.
 * @example operatorName('ops') // 'ops'
 */
export function operatorName(by: string | undefined): string {
  if (by !== undefined && by.trim() !== '') return by.trim();
  const env = process.env.KEIBA_OPERATOR;
  if (env !== undefined && env.trim() !== '') return env.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function readPolicy(path: string | undefined): PromotionPolicy {
  if (path === undefined) return parsePolicy({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PromoteError('PROMOTE_BAD_POLICY', `--policy ${path}: cannot read it as JSON (${(e as Error).message})`, { field: 'policy', value: path });
  }
  return parsePolicy(raw);
}

function gateLine(g: GateResult): string {
  const mark = g.passed ? 'pass' : g.overridden === true ? 'FORCED' : 'FAIL';
  return `  ${mark.padEnd(6)} ${formatGate(g)}\n`;
}

export const promoteRunCommand: CommandModule<object, RunArgs> = {
  command: '$0 <config>',
  describe: 'Promote CONFIG (Themis config, live config or strategy JSON) on evidence: every gate must pass',
  builder: (y: Argv) =>
    y
      .positional('config', { type: 'string', demandOption: true, describe: 'config JSON to promote' })
      .option('evidence', { type: 'string', array: true, demandOption: true, describe: 'result folders: one backtest run and one sweep (each with summary.json)' })
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the live book (promotions.jsonl, promoted.json)' })
      .option('policy', { type: 'string', describe: 'promotion policy JSON (default: the strict defaults; see examples/promotion-policy.json)' })
      .option('calendar', { type: 'string', describe: 'dataset folder whose races give the race days for the freeze window' })
      .option('force', { type: 'boolean', default: false, describe: 'promote inside a race-day freeze window (needs --reason; recorded)' })
      .option('reason', { type: 'string', describe: 'why (recorded in the history)' })
      .option('by', { type: 'string', describe: 'who promotes (default $KEIBA_OPERATOR or the login name)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
      .example('$0 promote strategy.json --evidence results/bt-1 results/sweep-2 --state state --calendar datasets/jra', 'promote if every gate passes') as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    const policy = readPolicy(argv.policy);
    const candidate = readCandidateConfig(argv.config);
    const calendar = argv.calendar !== undefined ? await readCalendar(argv.calendar) : null;
    const result = promoteConfig({
      stateDir: argv.state,
      config: candidate.config,
      configHash: candidate.configHash,
      evidenceDirs: argv.evidence,
      policy,
      calendar,
      by: operatorName(argv.by),
      nowMs: Date.now(),
      ...(argv.reason !== undefined ? { reason: argv.reason } : {}),
      force: argv.force,
    });
    const hash = candidate.configHash.slice(0, 12);
    if (argv.json) process.stdout.write(`${JSON.stringify({ configHash: candidate.configHash, ...result }, null, 2)}\n`);
    else {
      const head = result.accepted
        ? result.status === 'canary' && policy.canary !== null
          ? `promoted config ${hash} as a canary: one race in ${policy.canary.everyKthRace} for ${policy.canary.races} races, aborted above ${(policy.canary.maxDrawdown * 100).toFixed(1)}% drawdown\n`
          : `promoted config ${hash}: live now\n`
        : `refused: config ${hash} was not promoted (nothing changed)\n`;
      const tail = result.record !== undefined ? `record ${result.record.seq} appended to ${argv.state}/promotions.jsonl; promoted.json updated\n` : '';
      process.stdout.write(head + result.gates.map(gateLine).join('') + tail);
    }
    if (!result.accepted) {
      throw new CheckFailedError(`promotion of config ${hash} refused by ${result.failed.length} gate(s): ${result.failed.map(formatGate).join('; ')}`);
    }
  },
};
