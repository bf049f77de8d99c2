/**
 * `keiba sim backtest --data DIR --strategy FILE`: replays a dataset through a strategy and
 * writes bets.arrow, rejections.arrow, races.arrow, ledger.arrow, summary.json and
 * candidates.arrow (every win candidate priced, with its real settlement) to --out
 * (default results/<run-id>/), then the report (report.html and charts/, by the report layer's
 * writeBacktestReport; --no-report skips it); prints a short summary (or
 * summary.json with --json). Layer: cli (reads the files, calls runBacktest, writes the folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { writeBacktestReport } from '../../report/index.ts';
import { readDataset } from '../../data/index.ts';
import { createProgressBar } from '../../sim/index.ts';
import {
  backtestRunId,
  datasetHash,
  formatBacktestSummary,
  parseWalkForward,
  runBacktest,
  writeBacktestFolder,
  type BacktestSummary,
} from '../../sim/backtest/index.ts';
import { parseStrategyJson, strategyHash, StrategyError } from '../../strategies/index.ts';

interface BacktestArgs {
  data: string;
  strategy: string;
  from?: string;
  to?: string;
  'walk-forward'?: string;
  bankroll: number;
  out?: string;
  json: boolean;
  report: boolean;
  force: boolean;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `<package version>+<git commit>` of the code running, or the version alone outside a git checkout. */
export function codeVersion(): string {
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // no package.json: keep 0.0.0
  }
  try {
    const head = readFileSync(join(ROOT, '.git', 'HEAD'), 'utf8').trim();
    let sha = head;
    if (head.startsWith('ref: ')) {
      const ref = head.slice(5);
      const file = join(ROOT, '.git', ref);
      if (existsSync(file)) sha = readFileSync(file, 'utf8').trim();
      else {
        const packed = readFileSync(join(ROOT, '.git', 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
        sha = packed ? packed.slice(0, 40) : '';
      }
    }
    return /^[0-9a-f]{40}$/.test(sha) ? `${version}+${sha.slice(0, 12)}` : version;
  } catch {
    return version;
  }
}

function readStrategy(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new StrategyError('STRATEGY_BAD_FILE', '(file)', file, `${file}: cannot read the strategy file (${(e as Error).message})`);
  }
  return parseStrategyJson(text, file);
}

/** Writes the report of a backtest results folder and says where it is. */
async function writeReport(dir: string): Promise<string> {
  const written = await writeBacktestReport(dir);
  return `report ${written.html}`;
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);
const num = (x: number): string => x.toLocaleString('en-US');

/** The text summary printed without --json. */
export function formatBacktestText(s: BacktestSummary, dir: string): string {
  const t = s.totals;
  const c = s.calibration.used;
  const lines = [
    `strategy ${s.strategy.name} (${s.strategy.source}, ${s.strategy.betTypes.join(', ')}) on ${s.dataset.source}, ${s.range.from} to ${s.range.to}`,
    `odds at decision: ${s.oddsAtDecision.note}`,
    `races seen ${num(s.racesSeen)}, bet ${num(s.racesBet)} (${Object.entries(s.racesByStatus).map(([k, v]) => `${k} ${num(v)}`).join(', ')})`,
    `tickets ${num(t.tickets)}, stake ${num(t.stakeYen)}, return ${num(t.returnYen)}, profit ${num(s.profitYen)} ${s.dataset.currency}`,
    `ROI ${pct(t.roi)}, hit rate ${pct(t.hitRate)}, max drawdown ${pct(s.maxDrawdown)}, longest losing streak ${s.longestLosingStreak} races`,
    `bankroll ${num(s.bankroll.startYen)} -> ${num(s.bankroll.finalYen)} (ledger sum ${num(s.bankroll.ledgerSumYen)})${s.halt ? `; drawdown halt at ${s.halt.raceId} (${s.halt.date})` : ''}`,
    `calibration: log-loss ${c.logLoss?.toFixed(4) ?? '-'}, Brier ${c.brier?.toFixed(4) ?? '-'}, pseudo-R2 ${c.pseudoR2?.toFixed(4) ?? '-'} (market ${s.calibration.market.pseudoR2?.toFixed(4) ?? '-'})`,
  ];
  for (const f of s.fits) lines.push(`fit ${f.trainFrom}..${f.trainTo} -> test ${f.testFrom}..${f.testTo}: alpha ${f.alpha.toFixed(4)}, beta ${f.beta.toFixed(4)} (${f.races} races)`);
  lines.push(`wrote ${dir}`);
  return `${lines.join('\n')}\n`;
}

export const simBacktestCommand: CommandModule<object, BacktestArgs> = {
  command: 'backtest',
  describe: 'Replay a dataset through a strategy: bets, ledger and summary (ROI, drawdown, calibration)',
  builder: (y: Argv) =>
    y
      .option('data', { type: 'string', demandOption: true, describe: 'dataset folder' })
      .option('strategy', { type: 'string', demandOption: true, describe: 'strategy JSON file (see examples/strategies/)' })
      .option('from', { type: 'string', describe: 'first race date replayed, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last race date replayed, YYYY-MM-DD' })
      .option('walk-forward', { type: 'string', describe: 'refit the blend before each test window: train=365d,test=90d' })
      .option('bankroll', { type: 'number', default: 1_000_000, describe: 'starting bankroll (integer, the dataset currency)' })
      .option('out', { type: 'string', describe: 'output folder (default results/<run-id>/)' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the text summary' })
      .option('report', { type: 'boolean', default: true, describe: 'write report.html and charts/ into the output folder (--no-report to skip)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing output folder' })
      .example('$0 sim backtest --data datasets/syn --strategy examples/strategies/market-win.json', 'replay with the market-implied strategy') as unknown as Argv<BacktestArgs>,
  handler: async (argv) => {
    const strategy = readStrategy(argv.strategy);
    const walkForward = argv['walk-forward'] !== undefined ? parseWalkForward(argv['walk-forward']) : null;
    const ds = await readDataset(argv.data);
    const bar = createProgressBar(process.stderr, !argv.json, 'races');
    const result = runBacktest(ds, strategy, {
      bankrollYen: argv.bankroll,
      from: argv.from,
      to: argv.to,
      walkForward,
      codeVersion: codeVersion(),
      onProgress: bar.update,
    });
    bar.finish();
    const runId = backtestRunId(strategy.name, strategyHash(strategy), datasetHash(ds), {
      from: argv.from ?? null,
      to: argv.to ?? null,
      bankrollYen: argv.bankroll,
      walkForward,
    });
    const dir = argv.out ?? join('results', runId);
    writeBacktestFolder(dir, result, argv.force);
    const report = argv.report ? await writeReport(dir) : 'report skipped (--no-report)';
    process.stdout.write(argv.json ? formatBacktestSummary(result.summary) : `${formatBacktestText(result.summary, dir)}${report}\n`);
  },
};
