import { execFile } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Alerts, liveConfigHashOf, liveConfigThemis, SimulatedClock, webhookSink, writePromoted } from './cli-helpers.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { tempDir, writeConfig } from './helpers.ts';
import { cliInProcess } from '../cli-in-process.ts';

const run = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');
const DATE = '2024-01-06';
const CONFIG = { themis: { betTypes: ['win'] }, bankrollYen: 1_000_000, accounts: [{ id: 'main' }, { id: 'spare' }] };

const cli = cliInProcess;

let dataset: string;
let work: string;
let configPath: string;

beforeAll(async () => {
  work = tempDir();
  dataset = join(work, 'ds');
  await run(process.execPath, [bin, 'data', 'generate', '--years', '0.01', '--seed', '7', '--start-date', DATE, '--out', dataset], { cwd: PROJECT_ROOT });
  configPath = writeConfig(work, CONFIG);
});

describe('keiba live (CLI)', () => {
  it('keiba live run --paper --replay ... through bin/keiba.mjs, then status --json and audit verify (exit 0)', async () => {
    const state = join(work, 'book-e2e');
    const { stdout } = await run(process.execPath, [bin, 'live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE, '--clock', 'simulated'], { cwd: PROJECT_ROOT });
    expect(stdout).toMatch(/^paper mode: any valid config may run \(no config is promoted\)/);
    expect(stdout).toMatch(/2024-01-06: 36 races, \d+ decided/);
    const st = await cli(['live', 'status', '--state', state, '--json']);
    expect(st.status).toBe(0);
    const s = JSON.parse(st.out) as Record<string, unknown>;
    expect(s).toMatchObject({ bankrollYen: expect.any(Number), peakYen: expect.any(Number), drawdownState: expect.stringMatching(/ok|warn|halt/), date: DATE, ordersInFlight: [] });
    expect((s.today as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
    const v = await cli(['live', 'audit', 'verify', '--state', state]);
    expect(v).toMatchObject({ status: 0, out: expect.stringMatching(/^audit log ok: \d+ records/) });
    expect(readdirSync(state).sort()).toEqual(expect.arrayContaining(['alerts.jsonl', 'audit.jsonl', 'live.sqlite', 'paper-venue.sqlite']));
  }, 120_000);

  it('keiba live audit verify exits 1 and names the first bad line of a tampered log', async () => {
    const state = join(work, 'book-tamper');
    expect((await cli(['live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE])).status).toBe(0);
    const path = join(state, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"kind":"purchase"'));
    lines[i] = lines[i].replace(/"stakeYen":(\d+)/, (_m, v: string) => `"stakeYen":${Number(v) + 100}`);
    writeFileSync(path, lines.join('\n'));
    const v = await cli(['live', 'audit', 'verify', '--state', state]);
    expect(v.status).toBe(1);
    expect(v.err).toContain(`line ${i + 1} (record ${i + 1}): hash does not match`);
  }, 120_000);

  it('refuses a non-paper run of a config that is not promoted (exit 2, says why), then needs credentials and a venue adapter', async () => {
    const state = join(work, 'book-real');
    const r1 = await cli(['live', 'run', '--config', configPath, '--state', state, '--no-paper', '--replay', dataset, '--date', DATE]);
    expect(r1.status).toBe(2);
    expect(r1.err).toMatch(/LIVE_NOT_PROMOTED: config [0-9a-f]{12} is not promoted: .*promoted\.json does not exist/);
    writePromoted(state, { formatVersion: 1, configHash: liveConfigHashOf(CONFIG), config: liveConfigThemis(CONFIG), since: '2024-01-01T00:00:00.000Z' });
    const other = writeConfig(work, { ...CONFIG, themis: { betTypes: ['win'], safetyFactor: 0.5 } }, 'other.json');
    const r2 = await cli(['live', 'run', '--config', other, '--state', state, '--no-paper', '--replay', dataset, '--date', DATE]);
    expect(r2.err).toMatch(/LIVE_NOT_PROMOTED: config [0-9a-f]{12} is not the promoted config/);
    const r3 = await cli(['live', 'run', '--config', configPath, '--state', state, '--no-paper', '--replay', dataset, '--date', DATE]);
    expect(r3.err).toMatch(/LIVE_NO_CREDENTIALS: no credentials for account\(s\) main, spare/);
    const r4 = await cli(['live', 'run', '--config', configPath, '--state', state, '--no-paper', '--replay', dataset, '--date', DATE], {
      KEIBA_LIVE_MAIN_PASSWORD: 'pw-main-0001',
      KEIBA_LIVE_SPARE_PASSWORD: 'pw-spare-0002',
    });
    expect(r4).toMatchObject({ status: 2, err: expect.stringMatching(/LIVE_NO_VENUE_ADAPTER/) });
    expect(r4.err).not.toContain('pw-main-0001');
  });

  it('refuses a credentials file readable by others; with mode 600 no secret reaches logs, audit, alerts or results', async () => {
    const secret = 'S3cr3t-Passw0rd-XYZ';
    const file = join(work, 'creds.json');
    writeFileSync(file, JSON.stringify({ main: { inetId: 'ID-998877', password: secret }, spare: { password: `${secret}-2` } }));
    chmodSync(file, 0o644);
    const state = join(work, 'book-creds');
    const bad = await cli(['live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE, '--credentials', file]);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/LIVE_BAD_CREDENTIALS_FILE: credentials file .* is accessible by group or others \(mode 644\)/);
    chmodSync(file, 0o600);
    const ok = await cli(['live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE, '--credentials', file, '--inject-faults', '0.3', '--json']);
    expect(ok.status).toBe(0);
    const texts = [ok.out, ok.err, bad.err, ...readdirSync(state).map((f) => readFileSync(join(state, f)).toString('latin1'))];
    for (const t of texts) {
      expect(t).not.toContain(secret);
      expect(t).not.toContain('ID-998877');
    }
  }, 120_000);

  it('keiba live halt|resume|skip record the operator controls in the audit log; a halted book buys nothing', async () => {
    const state = join(work, 'book-halt');
    expect((await cli(['live', 'halt', '--state', state, '--reason', 'odds feed under maintenance'])).status).toBe(0);
    const st = JSON.parse((await cli(['live', 'status', '--state', state, '--json'])).out) as { halt: { halted: boolean; reason: string } };
    expect(st.halt).toMatchObject({ halted: true, reason: 'odds feed under maintenance' });
    const r = await cli(['live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ bought: 0, decided: 0, halted: true });
    expect((await cli(['live', 'resume', '--state', state, '--reason', 'feed back'])).status).toBe(0);
    expect((await cli(['live', 'skip', '--state', state, '--reason', 'track condition', '--race', 'SYN-2024-01-07-NAKAYAMA-01'])).status).toBe(0);
    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"kind":"halt","data":\{"reason":"odds feed under maintenance","source":"operator"\}/);
    expect(audit).toMatch(/"kind":"resume","data":\{"reason":"feed back","source":"operator"\}/);
    expect(audit).toMatch(/"kind":"skip","data":\{"reason":"track condition","source":"operator","raceId":"SYN-2024-01-07-NAKAYAMA-01"\}/);
    const r2 = await cli(['live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', '2024-01-07', '--json']);
    expect(JSON.parse(r2.out).skipped).toEqual(expect.arrayContaining([{ raceId: 'SYN-2024-01-07-NAKAYAMA-01', reason: 'operator skip: track condition' }]));
    const dep = await cli(['live', 'deposit', '--state', state, '--amount', '50000']);
    expect(dep.out).toMatch(/^deposited 50000 yen \(ledger row \d+\); bankroll \d+ yen/);
    expect((await cli(['live', 'deposit', '--state', state, '--amount', '0'])).err).toMatch(/LEDGER_BAD_ENTRY: Ledger: a deposit entry must be positive/);
    expect((await cli(['live', 'audit', 'verify', '--state', state])).status).toBe(0);
  }, 120_000);

  it('webhookSink(url) posts each alert as JSON to a local server', async () => {
    const got: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const alerts = new Alerts([webhookSink(`http://127.0.0.1:${port}/alerts`)], new SimulatedClock(0), ['hunter2']);
    alerts.raise('critical', 'purchase_failed', 'ticket win:3 not bought (password hunter2 rejected)', { raceId: 'R1' });
    await alerts.flush();
    server.close();
    expect(got).toEqual([{ at: '1970-01-01T00:00:00.000Z', level: 'critical', code: 'purchase_failed', message: 'ticket win:3 not bought (password *** rejected)', raceId: 'R1' }]);
  });
});
