/**
 * Test fixtures of the simulation tests: small MC1-format pools written to temporary folders.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';

/**
 * Text of a deterministic MC1-format pool: `races` races of 6 to 12 runners; p_model is an
 * overconfident version of p_true; odds carry a 20% takeout on a noisy public view, in 0.1 steps.
 */
export function mc1FixtureText(races: number, seed = 'fixture'): string {
  const rng = seedrandom(seed);
  const lines = ['race_id,runner,p_true,p_model,odds'];
  for (let r = 0; r < races; r++) {
    const n = 6 + Math.floor(rng() * 7);
    const w = Array.from({ length: n }, () => Math.exp(1.2 * normal(rng)));
    const sw = w.reduce((a, b) => a + b, 0);
    const pt = w.map((x) => x / sw);
    const m = pt.map((p) => Math.pow(p, 1.15) * Math.exp(0.15 * normal(rng)));
    const sm = m.reduce((a, b) => a + b, 0);
    const pub = pt.map((p) => p * Math.exp(0.2 * normal(rng)));
    const sp = pub.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      const odds = Math.max(1.1, Math.floor((0.8 / (pub[i] / sp)) * 10) / 10);
      lines.push(`F${String(r).padStart(4, '0')},${i + 1},${pt[i].toFixed(6)},${(m[i] / sm).toFixed(6)},${odds.toFixed(1)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Writes a fixture pool into a new temporary folder and returns the file path. */
export function writeMc1Fixture(races: number, seed = 'fixture'): string {
  const dir = mkdtempSync(join(tmpdir(), 'keiba-sim-'));
  const file = join(dir, 'pool.csv');
  writeFileSync(file, mc1FixtureText(races, seed));
  return file;
}

/**
 * A small backtest run folder (for the bootstrap source): `days` days of `racesPerDay` crafted
 * win races (8 runners, market odds with a 20% takeout, a model sharper than the market and
 * winners drawn from the truth), replayed by a model strategy and written as `keiba sim backtest`
 * writes it. Returns the folder.
 */
export async function writeBacktestRunFixture(days: number, racesPerDay: number, seed = 'bt-fixture'): Promise<string> {
  const { craftedRows, datasetOf, draw, normalise, randomProbs, tempDir } = await import('./backtest/fixtures.ts');
  const { runBacktest, writeBacktestFolder } = await import('../../src/sim/backtest/index.ts');
  const { parseStrategy } = await import('../../src/strategies/index.ts');
  const ds = await datasetOf(
    craftedRows(days, racesPerDay, seed, (_d, _k, rng) => {
      const truth = randomProbs(8, 0.8, rng);
      const q = normalise(truth.map((p) => p * Math.exp(1.2 * (rng() - 0.5))));
      const model = normalise(truth.map((p) => p * Math.exp(0.1 * (rng() - 0.5))));
      return { q, model, winner: draw(truth, rng) };
    }),
  );
  const strategy = parseStrategy({ name: 'fixture', source: { kind: 'predictions', model: 'model' }, betTypes: ['win'], themis: { safetyFactor: 0.25 } });
  const dir = join(tempDir(), 'run');
  writeBacktestFolder(dir, runBacktest(ds, strategy, { bankrollYen: 1_000_000 }), false);
  return dir;
}
