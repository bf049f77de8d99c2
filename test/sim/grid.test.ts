import { describe, expect, it } from 'vitest';
import { configHash } from '../../src/themis/index.ts';
import { binaryGamePool, buildGrid, buildPlan, checkKernelSupport, maxTicketsPerDay, parseSweepFile, SimError, type RacePool } from '../../src/sim/index.ts';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SimError) return `${e.code} ${e.field ?? ''}`.trim();
    throw e;
  }
  return 'no error';
}

describe('buildGrid(spec)', () => {
  it('expands the cartesian product, first field outermost, with Themis hashes', () => {
    const g = buildGrid({ base: { maxFractionPerRace: null }, fields: { safetyFactor: [0.5, 1], evThreshold: [1, 1.1, 1.2] } });
    expect(g.map((c) => [c.config.safetyFactor, c.config.evThreshold])).toEqual([
      [0.5, 1], [0.5, 1.1], [0.5, 1.2], [1, 1], [1, 1.1], [1, 1.2],
    ]);
    expect(g[0].config.maxFractionPerRace).toBeNull();
    expect(g[4].hash).toBe(configHash({ safetyFactor: 1, evThreshold: 1.1, maxFractionPerRace: null }));
    expect(g[4].params).toEqual({ safetyFactor: 1, evThreshold: 1.1 });
  });

  it('refuses an empty grid, a safety factor outside (0, 1] and a field both in base and grid', () => {
    expect(code(() => buildGrid({ base: {}, fields: { safetyFactor: [] } }))).toBe('SIM_BAD_GRID safetyFactor');
    expect(code(() => buildGrid({ base: {}, fields: { safetyFactor: [0] } }))).toBe('SIM_BAD_GRID safetyFactor');
    expect(code(() => buildGrid({ base: {}, fields: { safetyFactor: [1.5] } }))).toBe('SIM_BAD_GRID safetyFactor');
    expect(code(() => buildGrid({ base: { safetyFactor: 0.5 }, fields: { safetyFactor: [1] } }))).toBe('SIM_BAD_GRID safetyFactor');
    expect(code(() => buildGrid({ base: { bogus: 1 }, fields: {} }))).toBe('SIM_BAD_GRID bogus');
  });
});

describe('parseSweepFile(text, file)', () => {
  it('reads base and grid, and refuses other keys and empty value lists', () => {
    expect(parseSweepFile('{"base":{"minBankrollYen":0},"grid":{"maxFractionPerTicket":[0.02,null]}}', 's.json').grid).toEqual({ maxFractionPerTicket: [0.02, null] });
    expect(code(() => parseSweepFile('{"grid":{"x":[]}}', 's.json'))).toBe('SIM_BAD_GRID grid.x');
    expect(code(() => parseSweepFile('{"other":1}', 's.json'))).toBe('SIM_BAD_GRID other');
    expect(code(() => parseSweepFile('{', 's.json'))).toBe('SIM_BAD_GRID');
  });
});

describe('checkKernelSupport(config, index, ticketsPerDay)', () => {
  const [plain] = buildGrid({ base: {}, fields: {} });
  it('accepts the Themis defaults (a point limit that cannot bind)', () => {
    expect(() => checkKernelSupport(plain.config, 0, 18)).not.toThrow();
  });
  it('refuses yen caps, pool impact and a point limit that could bind, naming the field', () => {
    const one = (raw: Record<string, unknown>) => buildGrid({ base: raw, fields: {} })[0].config;
    expect(code(() => checkKernelSupport(one({ maxStakePerRaceYen: 10_000 }), 0, 18))).toBe('SIM_UNSUPPORTED_CONFIG maxStakePerRaceYen');
    expect(code(() => checkKernelSupport(one({ maxStakePerDayYen: 10_000 }), 0, 18))).toBe('SIM_UNSUPPORTED_CONFIG maxStakePerDayYen');
    expect(code(() => checkKernelSupport(one({ poolImpact: true }), 0, 18))).toBe('SIM_UNSUPPORTED_CONFIG poolImpact');
    expect(code(() => checkKernelSupport(one({ pointLimitPerDay: 10 }), 0, 18))).toBe('SIM_UNSUPPORTED_CONFIG pointLimitPerDay');
  });
  it('counts tickets per day from the day index (each race its own day without one)', () => {
    const pool = binaryGamePool(0.35, 3.5, 4);
    expect(maxTicketsPerDay(pool)).toBe(2);
    const days: RacePool = { ...pool, dayIndex: Int32Array.of(0, 0, 0, 1) };
    expect(maxTicketsPerDay(days)).toBe(6);
    const [limited] = buildGrid({ base: { pointLimitPerDay: 5 }, fields: {} });
    expect(() => buildPlan(pool, [limited], 1_000_000, 0.1)).not.toThrow();
    expect(code(() => buildPlan(days, [limited], 1_000_000, 0.1))).toBe('SIM_UNSUPPORTED_CONFIG pointLimitPerDay');
  });
});
