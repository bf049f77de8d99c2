import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';

const root = mkdtempSync(join(tmpdir(), 'keiba-generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, base));
    else out.push(relative(base, p));
  }
  return out.sort();
}

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('keiba data generate', () => {
  const a = join(root, 'a');
  const b = join(root, 'b');
  const args = (out: string, seed = '7') => ['data', 'generate', '--years', '0.04', '--seed', seed, '--out', out];

  it('writes a dataset and prints a JSON summary', async () => {
    const r = await run([...args(a), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { races: number; runners: number; predictions: string[]; dateRange: { from: string } };
    expect(summary.races).toBeGreaterThan(50);
    expect(summary.predictions).toEqual(['model']);
    expect(summary.dateRange.from).toBe('2024-01-06');
    expect(files(a)).toEqual([
      'dataset.json',
      'generate-options.json',
      'odds_snapshots.arrow',
      'payouts.arrow',
      'predictions/model.arrow',
      'races.arrow',
      'runners.arrow',
      'truth.arrow',
    ]);
    const manifest = JSON.parse(readFileSync(join(a, 'dataset.json'), 'utf8')) as { source: string; created: string; currency: string };
    expect(manifest).toMatchObject({ source: 'synthetic', created: '2024-01-01T00:00:00.000Z', currency: 'JPY' });
    expect(tableFromIPC(readFileSync(join(a, 'races.arrow'))).numRows).toBe(summary.races);
    expect(tableFromIPC(readFileSync(join(a, 'runners.arrow'))).numRows).toBe(summary.runners);
  });

  it('writes byte-identical files for the same command', async () => {
    const r = await run(args(b));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*: \d+ races \(2024-01-06 to /);
    expect(files(b)).toEqual(files(a));
    for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('refuses an existing dataset without --overwrite (exit 2) and replaces it with it', async () => {
    const refused = await run(args(a));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/DATA_OUT_EXISTS/);
    const c = await run([...args(a, '8'), '--overwrite', '--no-odds-snapshots']);
    expect(c.status).toBe(0);
    expect(files(a)).not.toContain('odds_snapshots.arrow');
    expect(readFileSync(join(a, 'races.arrow')).equals(readFileSync(join(b, 'races.arrow')))).toBe(false);
  });

  it('exits 2 on a bad option value', async () => {
    const r = await run(['data', 'generate', '--out', join(root, 'c'), '--model-skill', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DATA_BAD_OPTION.*modelSkill/);
    const d = await run(['data', 'generate', '--out', join(root, 'd'), '--start-date', '2024-02-31']);
    expect(d.status).toBe(2);
  });
});
