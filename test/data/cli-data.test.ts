import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../src/data/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { META, sampleRows, tempDir } from './helpers.ts';

const GOOD = join(PROJECT_ROOT, 'test/data/fixtures/csv-good');
let root = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

function keiba(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/keiba.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('keiba data import csv PATH --out DIR', () => {
  it('writes the dataset and its import report, and prints what was read', async () => {
    const out = join(root, 'imported');
    const r = keiba('data', 'import', 'csv', GOOD, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/races\s+2\n/);
    expect(r.stdout).toMatch(/runners\s+9\n/);
    expect(r.stdout).toMatch(/scratches\s+1\n/);
    expect(r.stdout).toMatch(/dead heats\s+1\n/);
    expect(r.stdout).toMatch(/duplicates dropped\s+1\n/);
    expect(r.stdout).toMatch(/rows refused\s+0\n/);
    expect((await readdir(out)).sort()).toEqual(['dataset.json', 'import-report.json', 'odds_snapshots.arrow', 'payouts.arrow', 'predictions', 'races.arrow', 'runners.arrow']);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    expect(report).toMatchObject({ source: 'csv', races: 2, runners: 9, refused: [] });

    // then info and validate on it
    const info = keiba('data', 'info', out, '--json');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ counts: { races: 2, runners: 9 }, scratches: 1, deadHeats: 1, missingTables: ['truth'] });
    const ok = keiba('data', 'validate', out);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok: no problems found');
  });

  it('exits 2 on a bad folder and writes nothing under --out', async () => {
    const bad = join(root, 'bad-in');
    await cp(GOOD, bad, { recursive: true });
    const runners = await readFile(join(bad, 'runners.csv'), 'utf8');
    await writeFile(join(bad, 'runners.csv'), runners.replace('2024010602,1,1,ran,1,1.6,1', '2024010602,1,1,ran,1st,1.6,1'));
    const out = join(root, 'bad-out');
    const r = keiba('data', 'import', 'csv', bad, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("DATA_BAD_ROW: runners.csv:7: field finish_pos = '1st': expected an integer");
    expect(await readdir(root)).not.toContain('bad-out');
    expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);

    const skipped = keiba('data', 'import', 'csv', bad, '--out', out, '--skip-bad-rows', '--json');
    expect(skipped.status).toBe(0);
    const report = JSON.parse(skipped.stdout);
    expect(report.refused[0]).toMatchObject({ file: 'runners.csv', line: 7, field: 'finish_pos', value: '1st' });
    expect(JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8')).refused).toHaveLength(report.refused.length);
  });

  it('exits 2 for an unknown source, listing the known ones', () => {
    const r = keiba('data', 'import', 'jravan', GOOD, '--out', join(root, 'x'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DATA_UNKNOWN_SOURCE: .*unknown source \(known: .*csv/);
  });
});

describe('keiba data validate DIR', () => {
  it('exits 1 and lists the problems when the content is wrong', async () => {
    const rows = sampleRows();
    rows.predictions!['model-a'][1].p = 0.5;
    const dir = join(root, 'wrong');
    await writeDataset(dir, rows, META);
    const r = keiba('data', 'validate', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\[probabilities\] table predictions\/model-a race 2024010201 field p: probabilities sum to 1\.1/);
    const j = keiba('data', 'validate', dir, '--json');
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, problems: [{ table: 'predictions/model-a', race: '2024010201', field: 'p' }] });
  });

  it('exits 2 when the dataset cannot be read', async () => {
    const dir = join(root, 'damaged');
    await writeDataset(dir, sampleRows(), META);
    await writeFile(join(dir, 'runners.arrow'), 'not arrow');
    const r = keiba('data', 'validate', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DATA_NOT_ARROW: .*runners\.arrow: table runners: file is truncated or not an Arrow IPC file/);
  });
});
