import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, isPromoteError, parsePolicy } from '../../../src/live/promote/index.ts';
import { PROJECT_ROOT } from '../../shared-data.ts';

describe('parsePolicy(raw)', () => {
  it('parsePolicy({}) gives the strict defaults', () => {
    const p = parsePolicy({});
    expect(p).toEqual(DEFAULT_POLICY);
    expect(p).toMatchObject({ minRaces: 500, roiFloor: 1, maxRuin: 0.01, ruinBound: 'upper', maxSafetyFactor: 0.3, maxEvidenceAgeDays: 30, requireCalendar: true, canary: null });
    expect(p.steps).toEqual({ safetyFactor: 0.1, evThreshold: 0.05, maxFractionPerTicket: 0.02, maxFractionPerRace: 0.05 });
  });

  it('parsePolicy(partial) fills the rest; steps replace the default steps', () => {
    const p = parsePolicy({ minRaces: 20, steps: { safetyFactor: 0.05 }, canary: { everyKthRace: 3 } });
    expect(p.minRaces).toBe(20);
    expect(p.maxRuin).toBe(0.01);
    expect(p.steps).toEqual({ safetyFactor: 0.05 });
    expect(p.canary).toEqual({ everyKthRace: 3, races: 48, maxDrawdown: 0.1 });
  });

  it.each([
    [{ maxRuin: 2 }, 'maxRuin'],
    [{ minRaces: -1 }, 'minRaces'],
    [{ minRaces: 1.5 }, 'minRaces'],
    [{ roiConfidence: 1 }, 'roiConfidence'],
    [{ ruinBound: 'lower' }, 'ruinBound'],
    [{ steps: { safetyFactor: -0.1 } }, 'steps.safetyFactor'],
    [{ canary: { everyKthRace: 1 } }, 'canary.everyKthRace'],
    [{ canary: { maxDrawdown: 1 } }, 'canary.maxDrawdown'],
    [{ bogus: 1 }, 'bogus'],
    [{ requireCalendar: 'yes' }, 'requireCalendar'],
  ])('parsePolicy(%j) throws PROMOTE_BAD_POLICY naming %s', (raw, field) => {
    let caught: unknown;
    try {
      parsePolicy(raw);
    } catch (e) {
      caught = e;
    }
    expect(isPromoteError(caught, 'PROMOTE_BAD_POLICY')).toBe(true);
    expect((caught as { field: string }).field).toBe(field);
    expect((caught as Error).message).toContain(`policy.${field}`);
  });

  it('parsePolicy(examples/promotion-policy.json) is the defaults plus a canary', () => {
    const p = parsePolicy(JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples/promotion-policy.json'), 'utf8')));
    expect({ ...p, canary: null }).toEqual(DEFAULT_POLICY);
    expect(p.canary).toEqual({ everyKthRace: 4, races: 48, maxDrawdown: 0.1 });
  });
});
