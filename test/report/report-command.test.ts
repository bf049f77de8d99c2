/**
 * End-to-end tests of `keiba report RESULTS_DIR`: the CLI run as a user would, checking exit
 * status, output and the files written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../shared-data.ts';
import { BACKTEST_FIXTURE } from '../fixtures/report/backtest-fixture.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';

const BIN = resolve(PROJECT_ROOT, 'bin/keiba.mjs');

function keiba(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keiba-report-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('keiba report RESULTS_DIR', () => {
  it('keiba report DIR --json on a sweep folder writes report.html and charts and exits 0', () => {
    const dir = join(work, 'sweep');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(fixtureSweepSummary()));
    const r = keiba(['report', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; html: string; charts: string[] };
    expect(out.kind).toBe('sweep');
    expect(out.html).toBe(join(dir, 'report.html'));
    expect(out.charts).toHaveLength(12);
    expect(existsSync(join(dir, 'charts', 'ruin-heatmap.png'))).toBe(true);
  });

  it('keiba report DIR --json on a backtest folder writes report.html and its charts and exits 0', () => {
    const dir = join(work, 'backtest');
    cpSync(BACKTEST_FIXTURE, dir, { recursive: true });
    const r = keiba(['report', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; html: string; charts: string[] };
    expect(out.kind).toBe('backtest');
    expect(out.html).toBe(join(dir, 'report.html'));
    expect(out.charts).toHaveLength(15);
    expect(existsSync(join(dir, 'charts', 'equity-curve.png'))).toBe(true);
  });

  it('keiba report DIR on a folder of unknown results exits 2 with REPORT_UNKNOWN_KIND', () => {
    const dir = join(work, 'other');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ format: 'something-else', version: 1 }));
    const r = keiba(['report', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('REPORT_UNKNOWN_KIND');
  });

  it('keiba report without a folder or subcommand exits 2 with REPORT_BAD_INPUT', () => {
    const r = keiba(['report']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('REPORT_BAD_INPUT');
  });

  it('keiba report on a folder without summary.json exits 2 with REPORT_NO_SUMMARY', () => {
    const r = keiba(['report', join(work, 'nowhere')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('REPORT_NO_SUMMARY');
  });
});
