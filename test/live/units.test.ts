import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  checkRunAllowed,
  isLiveError,
  loadCredentials,
  localTimeMs,
  maskSecrets,
  paperBalances,
  parseLiveConfig,
  secretValues,
  SimulatedClock,
  sleep,
  uniformFor,
  withTimeout,
  writePromoted,
} from '../../src/live/index.ts';
import { tempDir } from './helpers.ts';

describe('SimulatedClock', () => {
  it('SimulatedClock(start) wakes sleepers in time order, ties in call order, without waiting', async () => {
    const c = new SimulatedClock(1_000);
    const seen: string[] = [];
    await Promise.all([
      sleep(c, 300).then(() => seen.push(`a@${c.now()}`)),
      sleep(c, 100).then(() => seen.push(`b@${c.now()}`)),
      sleep(c, 300).then(() => seen.push(`c@${c.now()}`)),
      (async () => {
        await sleep(c, 50);
        seen.push(`d@${c.now()}`);
        await sleep(c, 200);
        seen.push(`e@${c.now()}`);
      })(),
    ]);
    expect(seen).toEqual(['d@1050', 'b@1100', 'e@1250', 'a@1300', 'c@1300']);
  });

  it('withTimeout(clock, call, ms) returns the value, a timeout or the error, and never throws', async () => {
    const c = new SimulatedClock(0);
    expect(await withTimeout(c, Promise.resolve(7), 10)).toEqual({ ok: true, value: 7 });
    expect(await withTimeout(c, new Promise(() => {}), 10)).toEqual({ ok: false, timedOut: true });
    expect(c.now()).toBe(10);
    const err = new Error('x');
    expect(await withTimeout(c, () => Promise.reject(err), 10)).toEqual({ ok: false, timedOut: false, error: err });
  });

  it('localTimeMs(local) reads Japan time', () => {
    expect(localTimeMs('2024-01-06T09:50')).toBe(Date.parse('2024-01-06T00:50:00Z'));
    expect(() => localTimeMs('nope')).toThrow(RangeError);
  });
});

describe('retries', () => {
  it('backoffMs(retry, policy, u) doubles up to the cap with equal jitter', () => {
    const p = { baseMs: 500, maxMs: 8000 };
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffMs(r, p, 0))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(backoffMs(1, p, 0.999999)).toBe(500);
  });

  it('uniformFor(seed, ...parts) is fixed by its inputs and spread over [0, 1)', () => {
    expect(uniformFor('s', 'k', 1)).toBe(uniformFor('s', 'k', 1));
    expect(uniformFor('s', 'k', 1)).not.toBe(uniformFor('s', 'k', 2));
    const xs = Array.from({ length: 2000 }, (_, i) => uniformFor('s', i));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('live config, promotion, credentials', () => {
  it('parseLiveConfig(raw) fills defaults, accepts a bare Themis config and names a bad field', () => {
    const c = parseLiveConfig({ safetyFactor: 0.5 });
    expect(c).toMatchObject({ bankrollYen: 1_000_000, decisionSecondsBeforePost: 180, accounts: [{ id: 'main', pointLimitPerDay: 9000, paperBalanceYen: null }], drawdown: { warn: 0.2, halt: 0.3 } });
    expect(c.themis.safetyFactor).toBe(0.5);
    expect(() => parseLiveConfig({ themis: {}, accounts: [{ id: 'a' }, { id: 'a' }] })).toThrow(/accounts\[1\]\.id/);
    expect(() => parseLiveConfig({ themis: {}, salesCloseSecondsBeforePost: 200 })).toThrow(/salesCloseSecondsBeforePost/);
    expect(() => parseLiveConfig({ themis: {}, bogus: 1 })).toThrow(/bogus/);
    expect(paperBalances(parseLiveConfig({ themis: {}, bankrollYen: 1_050, accounts: [{ id: 'a' }, { id: 'b' }, { id: 'c', paperBalanceYen: 7 }] }))).toEqual([
      { id: 'a', balanceYen: 550 },
      { id: 'b', balanceYen: 500 },
      { id: 'c', balanceYen: 7 },
    ]);
  });

  it('checkRunAllowed(dir, paper, hash): paper runs any config and says so; real money needs the promoted hash', () => {
    const dir = tempDir();
    const cfg = parseLiveConfig({ themis: {} });
    expect(checkRunAllowed(dir, true, cfg.configHash)).toMatch(/^paper mode: any valid config may run \(no config is promoted\)/);
    expect(() => checkRunAllowed(dir, false, cfg.configHash)).toThrow(/LIVE_NOT_PROMOTED|is not promoted/);
    writePromoted(dir, { formatVersion: 1, configHash: cfg.configHash, config: cfg.themis, since: '2024-01-01T00:00:00.000Z' });
    expect(checkRunAllowed(dir, false, cfg.configHash)).toMatch(/^live mode: config [0-9a-f]{12} is the promoted config/);
    writeFileSync(join(dir, 'promoted.json'), JSON.stringify({ formatVersion: 1, configHash: 'f'.repeat(64), config: cfg.themis, since: '2024-01-01T00:00:00Z' }));
    try {
      checkRunAllowed(dir, false, cfg.configHash);
      expect.unreachable();
    } catch (e) {
      expect(isLiveError(e, 'LIVE_BAD_PROMOTED_RECORD')).toBe(true);
    }
  });

  it('loadCredentials(accounts, env, file) merges file and environment, refuses a group-readable file, and never quotes a secret', () => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ main: { inetId: 'ID1', password: 'pw-file' } }));
    chmodSync(file, 0o600);
    const creds = loadCredentials(['main', 'spare-1'], { KEIBA_LIVE_MAIN_PASSWORD: 'pw-env', KEIBA_LIVE_SPARE_1_PIN_CODE: '1234' }, file);
    expect(creds.get('main')).toEqual({ inetId: 'ID1', password: 'pw-env' });
    expect(creds.get('spare-1')).toEqual({ pinCode: '1234' });
    expect(secretValues(creds)).toEqual(['pw-env', '1234', 'ID1']);
    expect(maskSecrets('login ID1 with pw-env', secretValues(creds))).toBe('login *** with ***');
    chmodSync(file, 0o640);
    try {
      loadCredentials(['main'], {}, file);
      expect.unreachable();
    } catch (e) {
      expect(isLiveError(e, 'LIVE_BAD_CREDENTIALS_FILE')).toBe(true);
      expect((e as Error).message).not.toContain('pw-file');
    }
  });
});
