import { describe, expect, it } from 'vitest';
import { parseMc1Pool, SimError } from '../../src/sim/index.ts';
import { mc1FixtureText } from './fixtures.ts';

const H = 'race_id,runner,p_true,p_model,odds';

function err(text: string): SimError {
  try {
    parseMc1Pool(text, 'pool.csv');
  } catch (e) {
    if (e instanceof SimError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseMc1Pool(text, file)', () => {
  it('reads races in CSR layout', () => {
    const pool = parseMc1Pool(`${H}\nA,1,0.6,0.5,1.5\nA,2,0.4,0.5,2.5\nB,3,1,1,1.2\n`, 'pool.csv');
    expect(pool.raceIds).toEqual(['A', 'B']);
    expect(Array.from(pool.raceOffsets)).toEqual([0, 2, 3]);
    expect(Array.from(pool.runner)).toEqual([1, 2, 3]);
    expect(Array.from(pool.odds)).toEqual([1.5, 2.5, 1.2]);
  });

  it('reads a generated fixture', () => {
    expect(parseMc1Pool(mc1FixtureText(20), 'f.csv').raceIds.length).toBe(20);
  });

  it('refuses a race whose probabilities do not sum to 1, naming race, line and field', () => {
    const e = err(`${H}\nA,1,0.6,0.5,1.5\nA,2,0.4,0.5,2.5\nB,1,0.5,0.5,2\nB,2,0.4,0.5,2\n`);
    expect(e.code).toBe('SIM_BAD_POOL');
    expect(e.race).toBe('B');
    expect(e.line).toBe(4);
    expect(e.field).toBe('p_true');
    expect(e.message).toMatch(/pool\.csv:4: race B: field p_true: probabilities sum to 0\.9/);
  });

  it('refuses a wrong header', () => {
    const e = err('race,runner,p_true,p_model,odds\nA,1,1,1,2\n');
    expect(e.code).toBe('SIM_BAD_POOL');
    expect(e.field).toBe('header');
  });

  it('refuses odds below 1, duplicate runners, bad numbers and split races', () => {
    expect(err(`${H}\nA,1,1,1,0.9\n`).field).toBe('odds');
    expect(err(`${H}\nA,1,0.5,0.5,2\nA,1,0.5,0.5,2\n`).message).toMatch(/duplicate runner 1/);
    expect(err(`${H}\nA,1,x,1,2\n`).field).toBe('p_true');
    expect(err(`${H}\nA,1,1.2,1,2\n`).field).toBe('p_true');
    expect(err(`${H}\nA,1,1,1,2\nB,1,1,1,2\nA,2,1,1,2\n`).message).toMatch(/contiguous/);
  });
});
