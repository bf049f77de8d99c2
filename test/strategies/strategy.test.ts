import { describe, expect, it } from 'vitest';
import { parseStrategy, parseStrategyJson, safeParseStrategy, strategyHash, StrategyError } from '../../src/strategies/index.ts';

const market = { name: 'market-win', source: { kind: 'market', odds: 'snapshot' }, betTypes: ['win'] };

describe('parseStrategy(raw)', () => {
  it('fills the defaults: decision 5 minutes before the post, quarter Kelly, drawdown 0.2 / 0.3, Themis betTypes = the strategy\'s', () => {
    const s = parseStrategy(market);
    expect(s.decisionOffsetMinutes).toBe(5);
    expect(s.themis.safetyFactor).toBe(0.25);
    expect(s.themis.betTypes).toEqual(['win']);
    expect(s.drawdown).toEqual({ warn: 0.2, halt: 0.3 });
    expect(s.source).toEqual({ kind: 'market', odds: 'snapshot', takeout: 'normalise' });
    expect(s.description).toBeNull();
  });
  it('reads every source kind', () => {
    expect(parseStrategy({ ...market, source: { kind: 'predictions', model: 'model' } }).source).toEqual({ kind: 'predictions', model: 'model' });
    expect(parseStrategy({ ...market, source: { kind: 'blend', model: 'm', trainDays: 365 } }).source).toEqual({ kind: 'blend', model: 'm', odds: 'snapshot', trainDays: 365, alpha: null, beta: null });
    expect(parseStrategy({ ...market, source: { kind: 'blend', model: 'm', alpha: 0.6, beta: 0.9 } }).source).toMatchObject({ trainDays: null, alpha: 0.6, beta: 0.9 });
    expect(parseStrategy({ ...market, source: { kind: 'baseline', rule: 'random', stakeYen: 200, seed: 3 } }).source).toEqual({ kind: 'baseline', rule: 'random', stakeYen: 200, seed: '3', model: null });
    expect(parseStrategy({ ...market, source: { kind: 'baseline', rule: 'flat_above_threshold', model: 'm' } }).source).toMatchObject({ stakeYen: 100, model: 'm' });
    expect(parseStrategy({ ...market, drawdown: null }).drawdown).toBeNull();
  });
  it.each([
    [{ ...market, bogus: 1 }, 'bogus'],
    [{ ...market, name: '' }, 'name'],
    [{ ...market, source: { kind: 'magic' } }, 'source.kind'],
    [{ ...market, source: { kind: 'market', odds: 'early' } }, 'source.odds'],
    [{ ...market, source: { kind: 'market', extra: 1 } }, 'source.extra'],
    [{ ...market, source: { kind: 'predictions' } }, 'source.model'],
    [{ ...market, source: { kind: 'blend', model: 'm' } }, 'source.trainDays'],
    [{ ...market, source: { kind: 'blend', model: 'm', alpha: 1 } }, 'source.beta'],
    [{ ...market, source: { kind: 'blend', model: 'm', alpha: 1, beta: 1, trainDays: 30 } }, 'source.trainDays'],
    [{ ...market, source: { kind: 'baseline', rule: 'favourite_flat', stakeYen: 150 } }, 'source.stakeYen'],
    [{ ...market, source: { kind: 'baseline', rule: 'lucky' } }, 'source.rule'],
    [{ ...market, source: { kind: 'baseline', rule: 'favourite_flat' }, betTypes: ['win', 'place'] }, 'betTypes'],
    [{ ...market, betTypes: [] }, 'betTypes'],
    [{ ...market, betTypes: ['win', 'wn'] }, 'betTypes[1]'],
    [{ ...market, decisionOffsetMinutes: -1 }, 'decisionOffsetMinutes'],
    [{ ...market, themis: { safetyFactor: 2 } }, 'themis.safetyFactor'],
    [{ ...market, themis: { betTypes: ['win'] } }, 'themis.betTypes'],
    [{ ...market, themis: { nope: 1 } }, 'themis.nope'],
    [{ ...market, drawdown: { warn: 0.5, halt: 0.3 } }, 'drawdown.warn'],
  ])('refuses %j naming field %s', (raw, field) => {
    expect(() => parseStrategy(raw)).toThrow(StrategyError);
    const r = safeParseStrategy(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('STRATEGY_BAD_FILE');
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(`strategy.${field}`);
    }
  });
});

describe('parseStrategyJson(text, file)', () => {
  it('names the file in the message, and refuses text that is not JSON', () => {
    expect(parseStrategyJson(JSON.stringify(market), 'm.json').name).toBe('market-win');
    expect(() => parseStrategyJson('{', 'm.json')).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_FILE', field: '(file)' }));
    expect(() => parseStrategyJson('{"name":"x"}', 'm.json')).toThrow(/^m\.json: strategy\.source/);
  });
});

describe('strategyHash(strategy)', () => {
  it('is the same for two spellings of one strategy and differs when a value changes', () => {
    const a = strategyHash(market);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(strategyHash({ ...market, decisionOffsetMinutes: 5, themis: { safetyFactor: 0.25 } })).toBe(a);
    expect(strategyHash(parseStrategy(market))).toBe(a);
    expect(strategyHash({ ...market, decisionOffsetMinutes: 10 })).not.toBe(a);
  });
});
