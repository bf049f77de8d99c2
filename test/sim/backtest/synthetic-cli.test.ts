/**
 * The backtest on a small synthetic dataset: every example strategy runs (in process, through the
 * CLI's main), reruns are byte-identical, the ledger file sums to the final bankroll, the
 * eight-bet-type path runs on synthetic public odds, and bad strategy files exit with status 2
 * naming the field. One end-to-end run spawns bin/keiba.mjs.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.ts';
import { runBacktest, type BacktestSummary } from '../../../src/sim/backtest/index.ts';
import { parseStrategy } from '../../../src/strategies/index.ts';
import { PROJECT_ROOT } from '../../shared-data.ts';
import { syntheticDataset, tempDir } from './fixtures.ts';
import { cliInProcess } from '../../cli-in-process.ts';

const run = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');
const example = (name: string) => resolve(PROJECT_ROOT, 'examples/strategies', `${name}.json`);

const cli = cliInProcess;

describe('keiba sim backtest on a synthetic dataset', () => {
  let ds: Dataset;
  let data: string;
  beforeAll(async () => {
    ({ ds, dir: data } = await syntheticDataset(0.6, 'bt-cli'));
  }, 180_000);

  it.each(['market-win', 'model-win', 'blend-win', 'favourite-flat'])('examples/strategies/%s.json runs and writes its six files', async (name) => {
    const out = join(tempDir(), 'res');
    const r = await cli(['sim', 'backtest', '--data', data, '--strategy', example(name), '--out', out, '--json', '--no-report']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['bets.arrow', 'candidates.arrow', 'ledger.arrow', 'races.arrow', 'rejections.arrow', 'summary.json']);
    const s = JSON.parse(r.out) as BacktestSummary;
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(s);
    expect(s.strategy.name).toBe(name);
    expect(s.oddsAtDecision.mode).toBe('snapshot');
    expect(s.bankroll.ledgerSumYen).toBe(s.bankroll.finalYen);
    const ledger = tableFromIPC(readFileSync(join(out, 'ledger.arrow')));
    const amounts = [...ledger.getChild('amount_yen')!.toArray()].map(Number);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(s.bankroll.finalYen);
    const bets = tableFromIPC(readFileSync(join(out, 'bets.arrow')));
    expect(bets.numRows).toBe(s.totals.tickets);
    expect(s.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.codeVersion).toMatch(/^\d+\.\d+\.\d+/);
    if (name === 'blend-win') expect(s.fits.length).toBe(1);
    if (name === 'favourite-flat') expect(s.totals.tickets).toBeGreaterThan(0);
  });

  it('two runs with the same inputs give byte-identical files (summary keys sorted, no timestamps)', async () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    expect((await cli(['sim', 'backtest', '--data', data, '--strategy', example('favourite-flat'), '--out', a, '--no-report'])).status).toBe(0);
    expect((await cli(['sim', 'backtest', '--data', data, '--strategy', example('favourite-flat'), '--out', b, '--no-report'])).status).toBe(0);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const text = readFileSync(join(a, 'summary.json'), 'utf8');
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it('the eight bet types run on synthetic public odds (speed path), settle every pool and sum exactly', () => {
    const s = parseStrategy({
      name: 'all',
      source: { kind: 'predictions', model: 'model' },
      betTypes: ['win', 'place', 'bracket_quinella', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'],
      themis: { evThreshold: 1.5, safetyFactor: 0.1 }, // a high threshold keeps the joint Kelly small: this checks the path, not the speed
    });
    const first = ds.races.date[0];
    const r = runBacktest(ds, s, { from: first, to: first, exoticOdds: 'synthetic-public' });
    expect(r.summary.exoticOdds).toMatch(/speed measurement only/);
    expect(new Set(r.bets.betType).size).toBeGreaterThan(3);
    expect(r.summary.bankroll.ledgerSumYen).toBe(r.summary.bankroll.finalYen);
    expect(r.summary.totals.returnYen - r.summary.totals.stakeYen).toBe(r.summary.profitYen);
  });

  it('a bad strategy file exits with status 2 naming the field; so do an unreadable file and exotic bet types', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', source: { kind: 'market' }, betTypes: ['win'], themis: { safetyFactor: 3 } }));
    let r = await cli(['sim', 'backtest', '--data', data, '--strategy', bad, '--out', join(dir, 'o1')]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/STRATEGY_BAD_FILE: .*bad\.json: strategy\.themis\.safetyFactor: 3 is not valid/);
    r = await cli(['sim', 'backtest', '--data', data, '--strategy', join(dir, 'none.json'), '--out', join(dir, 'o2')]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/STRATEGY_BAD_FILE/);
    const mixed = join(dir, 'mixed.json');
    writeFileSync(mixed, JSON.stringify({ name: 'x', source: { kind: 'market' }, betTypes: ['win', 'trifecta'] }));
    r = await cli(['sim', 'backtest', '--data', data, '--strategy', mixed, '--out', join(dir, 'o3')]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/STRATEGY_UNSUPPORTED: betTypes trifecta: the dataset carries no odds of trifecta combinations/);
    r = await cli(['sim', 'backtest', '--data', data, '--strategy', example('market-win'), '--from', '2031-01-01', '--out', join(dir, 'o4')]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/SIM_BAD_OPTION/);
  });

  it('end to end: node bin/keiba.mjs sim backtest prints the summary and refuses to overwrite without --force', async () => {
    const out = join(tempDir(), 'e2e');
    const { stdout } = await run(process.execPath, [bin, 'sim', 'backtest', '--data', data, '--strategy', example('market-win'), '--out', out]);
    expect(stdout).toMatch(/strategy market-win \(market, win\)/);
    expect(stdout).toMatch(/odds at decision: decisions on the last win-odds snapshot at or before 5 minutes before the post/);
    expect(stdout).toContain(`wrote ${out}`);
    // the report is written by the report layer when this build has it
    const report = (await import('../../../src/report/index.ts')) as Record<string, unknown>;
    if (typeof report.writeBacktestReport === 'function') {
      expect(stdout).toContain(`report ${join(out, 'report.html')}`);
      expect(readdirSync(out)).toContain('report.html');
    } else expect(stdout).toMatch(/report not written/);
    await expect(run(process.execPath, [bin, 'sim', 'backtest', '--data', data, '--strategy', example('market-win'), '--out', out])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
