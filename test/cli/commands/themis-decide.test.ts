/**
 * End-to-end tests of `keiba themis decide` and `keiba themis config`: the CLI run as a user
 * would, checking exit status and output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash } from '../../../src/themis/index.ts';
import { PROJECT_ROOT } from '../../shared-data.ts';

const BIN = resolve(PROJECT_ROOT, 'bin/keiba.mjs');

function keiba(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = {
  bankroll: 1_000_000,
  config: { safetyFactor: 1, evThreshold: 1.05 },
  tickets: [0.3, 0.2, 0.25, 0.17, 0.08].map((p, i) => ({ id: `win:${i + 1}`, p, odds: [2.2, 3.3, 4.4, 5.7, 10][i] })),
};
const BAD = { bankroll: 1_000_000, tickets: [{ id: 'win:1', p: 0.3, odds: 2.2 }, { id: 'win:2', p: -0.2, odds: 3 }] };

describe('keiba themis decide --input FILE', () => {
  it('keiba themis decide on a JSONL file with a good and a bad line prints two lines and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'themis-decide-'));
    const file = join(dir, 'races.jsonl');
    writeFileSync(file, `${JSON.stringify(GOOD)}\n${JSON.stringify(BAD)}\n`);
    const r = keiba(['themis', 'decide', '--input', file]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      bets: [{ id: 'win:3', fraction: 0.029412, stake: 29_400 }],
      rejected: [
        { id: 'win:1', reason: 'below_threshold' },
        { id: 'win:2', reason: 'below_threshold' },
        { id: 'win:4', reason: 'below_threshold' },
        { id: 'win:5', reason: 'below_threshold' },
      ],
      growth: 0.001437823,
    });
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'THEMIS_BAD_PROBABILITY', field: 'tickets[1].p' } });
  });

  it('keiba themis decide --input - reads a pretty-printed mixed race from stdin, priced from winProbabilities (betting-math T1)', () => {
    const race = {
      bankroll: 1_000_000,
      config: { safetyFactor: 1, evThreshold: 1, maxFractionPerTicket: null, maxFractionPerRace: null },
      winProbabilities: { 1: 0.3, 2: 0.2, 3: 0.15, 4: 0.1, 5: 0.09, 6: 0.07, 7: 0.05, 8: 0.04 },
      tickets: [
        { id: 'win:1', odds: 4 },
        { id: 'place:1', odds: 1.7 },
        { id: 'quinella:1-2', odds: 9.5 },
        { id: 'wide:1-2', odds: 3.2 },
      ],
    };
    const r = keiba(['themis', 'decide', '--input', '-'], JSON.stringify(race, null, 2));
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as { bets: { id: string; fraction: number }[]; growth: number };
    expect(d.bets.map((b) => b.id)).toEqual(['place:1', 'quinella:1-2']);
    expect(d.bets[0].fraction).toBeCloseTo(0.29719, 5);
    expect(d.bets[1].fraction).toBeCloseTo(0.0375, 5);
    expect(d.growth).toBeCloseTo(0.04539, 5);
  });

  it('keiba themis decide --help lists its options', () => {
    const r = keiba(['themis', 'decide', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--input');
    expect(r.stdout).toContain('JSON Lines');
  });
});

describe('keiba themis config [--file F] [--json]', () => {
  it('keiba themis config --json prints the defaulted config and its hash', () => {
    const r = keiba(['themis', 'config', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { config: Record<string, unknown>; hash: string };
    expect(out.config.safetyFactor).toBe(0.25);
    expect(out.hash).toBe(configHash({ evThreshold: 1.05 }));
  });

  it('keiba themis config --file with an unknown field exits 2 naming it', () => {
    const r = keiba(['themis', 'config', '--file', '-'], '{"safetyFactr": 0.5}');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('safetyFactr');
  });
});
