/**
 * Tests of the Themis configuration: defaults, unknown fields, ranges, nulls, hashing.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash, DEFAULT_CONFIG, parseConfig, safeParseConfig } from '../../src/themis/index.ts';

describe('parseConfig(raw)', () => {
  it('parseConfig({}) fills the conservative defaults', () => {
    const c = parseConfig({});
    expect(c.safetyFactor).toBe(0.25);
    expect(c.evThreshold).toBe(1.05);
    expect(c.betTypes).toEqual(['win', 'place', 'bracket_quinella', 'quinella', 'wide', 'exacta', 'trio', 'trifecta']);
    expect(c.maxFractionPerTicket).toBe(0.05);
    expect(c.maxFractionPerRace).toBe(0.1);
    expect(c.maxStakePerRaceYen).toBeNull();
    expect(c.maxStakePerDayYen).toBeNull();
    expect(c.minBankrollYen).toBe(10_000);
    expect(c.pointLimitPerDay).toBe(9_000);
    expect(c.finishOrder).toEqual({ model: 'harville', gamma: 0.81, delta: 0.65 });
    expect(c.poolImpact).toBe(false);
    expect(c.payoutRates).toEqual({
      win: 0.8,
      place: 0.8,
      bracket_quinella: 0.775,
      quinella: 0.775,
      wide: 0.775,
      exacta: 0.75,
      trio: 0.75,
      trifecta: 0.725,
    });
    expect(c).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(undefined)).toEqual(DEFAULT_CONFIG);
  });

  it('parseConfig(partial) keeps given values and merges partial nested objects', () => {
    const c = parseConfig({ safetyFactor: 0.5, payoutRates: { win: 0.85 }, finishOrder: { model: 'discounted' }, betTypes: ['trio', 'win', 'win'] });
    expect(c.safetyFactor).toBe(0.5);
    expect(c.payoutRates.win).toBe(0.85);
    expect(c.payoutRates.place).toBe(0.8);
    expect(c.finishOrder).toEqual({ model: 'discounted', gamma: 0.81, delta: 0.65 });
    expect(c.betTypes).toEqual(['win', 'trio']);
  });

  it('parseConfig(caps: null) disables the caps', () => {
    const c = parseConfig({ maxFractionPerTicket: null, maxFractionPerRace: null, pointLimitPerDay: null, minBankrollYen: null, maxStakePerRaceYen: 50_000 });
    expect(c.maxFractionPerTicket).toBeNull();
    expect(c.maxFractionPerRace).toBeNull();
    expect(c.pointLimitPerDay).toBeNull();
    expect(c.minBankrollYen).toBe(0);
    expect(c.maxStakePerRaceYen).toBe(50_000);
  });

  it('parseConfig({ bogus }) throws THEMIS_BAD_CONFIG naming the unknown field', () => {
    expect(() => parseConfig({ bogus: 1 })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_CONFIG', field: 'bogus' }));
    expect(() => parseConfig({ finishOrder: { beta: 1 } })).toThrow(expect.objectContaining({ field: 'finishOrder.beta' }));
    expect(() => parseConfig({ payoutRates: { win5: 0.7 } })).toThrow(expect.objectContaining({ field: 'payoutRates.win5' }));
  });

  const outOfRange: [string, unknown, string][] = [
    ['safetyFactor', 0, '(0, 1]'],
    ['safetyFactor', 1.5, '(0, 1]'],
    ['safetyFactor', Number.NaN, '(0, 1]'],
    ['safetyFactor', '0.5', '(0, 1]'],
    ['evThreshold', -1, '>= 0'],
    ['evThreshold', Number.POSITIVE_INFINITY, '>= 0'],
    ['maxFractionPerTicket', 0, '(0, 1]'],
    ['maxFractionPerRace', 2, '(0, 1]'],
    ['maxStakePerRaceYen', 100.5, 'integer'],
    ['maxStakePerDayYen', -100, 'integer'],
    ['minBankrollYen', -1, 'integer'],
    ['pointLimitPerDay', 1.5, 'integer'],
    ['poolImpact', 'yes', 'true or false'],
    ['betTypes', [], 'non-empty'],
    ['betTypes', 'win', 'non-empty'],
  ];
  for (const [field, value, range] of outOfRange) {
    it(`parseConfig({ ${field}: ${String(value)} }) throws naming field, value and range`, () => {
      const r = safeParseConfig({ [field]: value });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('THEMIS_BAD_CONFIG');
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(field);
      expect(r.error.message).toContain(range);
      expect(Object.is(r.error.value, value)).toBe(true);
    });
  }

  it('parseConfig names nested out-of-range fields', () => {
    expect(() => parseConfig({ betTypes: ['win', 'win5'] })).toThrow(expect.objectContaining({ field: 'betTypes[1]', value: 'win5' }));
    expect(() => parseConfig({ payoutRates: { trio: 1.2 } })).toThrow(expect.objectContaining({ field: 'payoutRates.trio', value: 1.2 }));
    expect(() => parseConfig({ finishOrder: { model: 'stern' } })).toThrow(expect.objectContaining({ field: 'finishOrder.model' }));
    expect(() => parseConfig({ finishOrder: { gamma: 0 } })).toThrow(expect.objectContaining({ field: 'finishOrder.gamma' }));
    expect(() => parseConfig([1])).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_CONFIG' }));
  });
});

describe('safeParseConfig(raw)', () => {
  it('safeParseConfig({}) returns { ok: true, config }', () => {
    expect(safeParseConfig({})).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });
});

describe('configHash(config)', () => {
  it('configHash is a sha256 hex string, the same for the defaults however spelled', () => {
    const h = configHash(parseConfig({}));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash({ evThreshold: 1.05, safetyFactor: 0.25 })).toBe(h);
    expect(configHash({ payoutRates: { win: 0.8 } })).toBe(h);
  });

  it('configHash is stable under key order and bet-type order', () => {
    const a = configHash({ safetyFactor: 0.5, evThreshold: 1.1, betTypes: ['win', 'trio'], finishOrder: { gamma: 0.9, model: 'discounted' } });
    const b = configHash({ finishOrder: { model: 'discounted', gamma: 0.9 }, betTypes: ['trio', 'win'], evThreshold: 1.1, safetyFactor: 0.5 });
    expect(a).toBe(b);
  });

  it('configHash differs for different configurations', () => {
    const hashes = new Set(
      [{}, { safetyFactor: 0.5 }, { evThreshold: 1.1 }, { maxFractionPerRace: null }, { betTypes: ['win'] }, { payoutRates: { win: 0.81 } }].map(configHash),
    );
    expect(hashes.size).toBe(6);
  });

  it('configHash(bad) throws THEMIS_BAD_CONFIG', () => {
    expect(() => configHash({ safetyFactor: 3 })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_CONFIG' }));
  });
});

describe('canonicalJson(value)', () => {
  it('canonicalJson sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('canonicalJson drops undefined keys like JSON.stringify and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson([undefined, Number.NaN])).toBe('[null,null]');
    expect(canonicalJson({ d: new Date(0) })).toBe('{"d":"1970-01-01T00:00:00.000Z"}');
  });
});
