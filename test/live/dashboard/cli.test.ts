/**
 * CLI side of the dashboard: `keiba live halt` and the dashboard's POST /api/halt go through the
 * same operator action and leave audit records of the same kind; `keiba live ack` and `keiba
 * promote rollback` use the shared actions too; `keiba live dashboard` starts, prints the URL
 * with the token in its fragment, serves the built page and the API, and closes on SIGTERM;
 * a non-loopback host is warned about; a folder without a book is refused (exit 2).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startDashboard } from '../../../src/live/dashboard/index.ts';
import { OPERATOR_ACTIONS, openStore, writePromoted, type OperatorActionInput, type OperatorActionKind, type OperatorActionOutcome } from '../../../src/live/index.ts';
import { cliInProcess } from '../../cli-in-process.ts';
import { liveConfigHashOf, liveConfigThemis } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';

const TOKEN = 'cli-test-token-0123456789';
const PAGE = { html: '<!doctype html><title>t</title>', js: '', css: '' };
const BIN = fileURLToPath(new URL('../../../bin/keiba.mjs', import.meta.url));

let state: string;

function newBook(): string {
  const dir = tempDir('keiba-dash-cli-');
  const s = openStore(dir);
  s.openBook(Date.parse('2024-01-06T00:00:00Z'), { configHash: 'a'.repeat(64), paper: true, depositYen: 1_000_000 });
  s.recordAlert(Date.parse('2024-01-06T01:00:00Z'), 'warn', 'deposit_short', 'balances short');
  s.close();
  return dir;
}

function records(dir: string) {
  const s = openStore(dir, { readonly: true });
  try {
    return s.auditRecords();
  } finally {
    s.close();
  }
}

/** Wraps OPERATOR_ACTIONS[kind] to log its calls while `fn` runs. */
async function spying<T>(kind: OperatorActionKind, fn: (calls: OperatorActionInput[]) => Promise<T>): Promise<T> {
  const original = OPERATOR_ACTIONS[kind];
  const calls: OperatorActionInput[] = [];
  OPERATOR_ACTIONS[kind] = (i: OperatorActionInput): OperatorActionOutcome => {
    calls.push(i);
    return original(i);
  };
  try {
    return await fn(calls);
  } finally {
    OPERATOR_ACTIONS[kind] = original;
  }
}

beforeAll(() => {
  state = newBook();
});

describe('CLI and dashboard share the operator actions', () => {
  it('keiba live halt and POST /api/halt both call OPERATOR_ACTIONS.halt and write halt audit records (who, when, why, source)', async () => {
    const d = await startDashboard({ stateDir: state, port: 0, token: TOKEN, page: PAGE, log: () => {} });
    try {
      await spying('halt', async (calls) => {
        const n = records(state).length;
        const cli = await cliInProcess(['live', 'halt', '--state', state, '--reason', 'from the shell']);
        expect(cli.status).toBe(0);
        expect(cli.out).toMatch(/^halt recorded \(audit record \d+\)\n$/);
        const res = await fetch(`${d.origin}/api/halt`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'from the page', who: 'dana', confirm: true }),
        });
        expect(res.status).toBe(200);
        expect(calls.map((c) => [c.source, c.actor, c.reason])).toEqual([
          ['cli', 'operator', 'from the shell'],
          ['dashboard', 'dashboard:dana', 'from the page'],
        ]);
        const recs = records(state).slice(n);
        expect(recs.map((r) => r.kind)).toEqual(['halt', 'halt']);
        expect(recs[0].data).toEqual({ reason: 'from the shell', source: 'operator' });
        expect(recs[1].data).toEqual({ reason: 'from the page', source: 'dashboard', actor: 'dashboard:dana' });
      });
      const resume = await cliInProcess(['live', 'resume', '--state', state, '--reason', 'done']);
      expect(resume.status).toBe(0);
    } finally {
      await d.close();
    }
  });

  it('keiba live ack acknowledges an alert through OPERATOR_ACTIONS.ack; an unknown alert exits 2 and names it', async () => {
    await spying('ack', async (calls) => {
      const s = openStore(state, { readonly: true });
      const id = s.alerts()[0].id;
      s.close();
      const ok = await cliInProcess(['live', 'ack', '--state', state, '--alert', String(id), '--reason', 'seen']);
      expect(ok.status).toBe(0);
      expect(ok.out).toContain(`alert ${id} acknowledged`);
      expect(calls).toHaveLength(1);
      expect(records(state).at(-1)).toMatchObject({ kind: 'alert_ack', data: { alertId: id, reason: 'seen', source: 'cli', actor: 'operator' } });
      const bad = await cliInProcess(['live', 'ack', '--state', state, '--alert', '4242']);
      expect(bad.status).toBe(2);
      expect(bad.err).toMatch(/alert 4242 does not exist/);
    });
  });

  it('keiba promote rollback goes through OPERATOR_ACTIONS.rollback and also leaves a config_rollback record in the book', async () => {
    const a = { themis: { betTypes: ['win'] } };
    const b = { themis: { betTypes: ['win'], safetyFactor: 0.2 } };
    writePromoted(state, {
      formatVersion: 1,
      configHash: liveConfigHashOf(a),
      config: liveConfigThemis(a),
      since: '2024-01-05T00:00:00.000Z',
      previous: [{ configHash: liveConfigHashOf(b), config: liveConfigThemis(b), since: '2024-01-01T00:00:00.000Z' }],
    });
    await spying('rollback', async (calls) => {
      const r = await cliInProcess(['promote', 'rollback', '--state', state, '--reason', 'bad week', '--by', 'erin']);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/rolled back .* -> .*promoted.json updated/);
      expect(calls).toHaveLength(1);
    });
    expect(records(state).at(-1)).toMatchObject({ kind: 'config_rollback', data: { reason: 'bad week', source: 'cli', actor: 'erin', configHash: liveConfigHashOf(b) } });
  });
});

describe('keiba live dashboard', () => {
  it('--help names the options', () => {
    // yargs prints help through console.log: run it as a process.
    const r = spawnSync(process.execPath, [BIN, 'live', 'dashboard', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const o of ['--state', '--port', '--host', '--stale-after', 'KEIBA_DASHBOARD_TOKEN']) expect(r.stdout).toContain(o);
  });

  it('refuses a folder without a book (exit 2, nothing created)', async () => {
    const dir = `${tempDir('keiba-dash-none-')}/missing`;
    const r = await cliInProcess(['live', 'dashboard', '--state', dir, '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/holds no live book/);
  });

  it('warns on stderr when asked to listen on a non-loopback interface', async () => {
    const lines: string[] = [];
    const d = await startDashboard({ stateDir: state, port: 0, host: '0.0.0.0', token: TOKEN, page: PAGE, log: (l) => lines.push(l) });
    await d.close();
    expect(lines.join('')).toMatch(/WARNING: listening on 0\.0\.0\.0, not the loopback interface/);
    const quiet: string[] = [];
    const q = await startDashboard({ stateDir: state, port: 0, token: TOKEN, page: PAGE, log: (l) => quiet.push(l) });
    await q.close();
    expect(quiet).toEqual([]);
  });

  it('runs as a process: prints the URL with a fresh token once, serves the built page and the API, closes on SIGTERM', async () => {
    const env = { ...process.env };
    delete env.KEIBA_DASHBOARD_TOKEN;
    const child = spawn(process.execPath, [BIN, 'live', 'dashboard', '--state', state, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/.exec(out);
        if (m !== null) {
          clearTimeout(t);
          resolve(m[0]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out} ${err}`)));
    });
    const [origin, token] = url.split('/#token=');
    const page = await fetch(`${origin}/`);
    expect(await page.text()).toContain('/app.js');
    const js = await fetch(`${origin}/app.js`);
    expect((await js.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${origin}/api/status`)).status).toBe(401);
    const st = await fetch(`${origin}/api/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(st.status).toBe(200);
    expect(((await st.json()) as { bankrollYen: number }).bankrollYen).toBe(1_000_000);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toContain('keiba live dashboard: closed');
    expect(out.match(/#token=/g)).toHaveLength(1);
  }, 90_000);
});
