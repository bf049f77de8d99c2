/**
 * Shared helpers of the data tests: a small hand-written dataset, a fast-check arbitrary of
 * valid random datasets, and temporary folders.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DatasetRows, ImportMeta, PayoutRow, RaceRow, RunnerRow, RunnerStatus } from '../../src/data/index.ts';

export const META: ImportMeta = { source: 'test', currency: 'JPY', payoutUnit: 'per 100 JPY' };
export const CREATED = '2024-01-01T00:00:00.000Z';

/** A temporary folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'keiba-data-test-'));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Two races, one with a scratch and a dead heat for third, with payouts and predictions. */
export function sampleRows(): DatasetRows {
  const race = (raceId: string, date: string, raceNo: number, fieldSize: number): RaceRow => ({
    raceId,
    date,
    postTime: `${date}T1${raceNo}:00`,
    venue: 'Tokyo',
    raceNo,
    surface: 'turf',
    distanceM: 1600,
    fieldSize,
    source: 'test',
  });
  const runner = (raceId: string, n: number, status: RunnerStatus, finishPos: number | null, odds: number | null): RunnerRow => ({
    raceId,
    runner: n,
    bracket: n,
    status,
    finishPos,
    winOddsFinal: odds,
    popularity: finishPos,
  });
  const pay = (raceId: string, betType: PayoutRow['betType'], combination: string, payoutPer100: number): PayoutRow => ({
    raceId,
    betType,
    combination,
    payoutPer100,
  });
  return {
    races: [race('2024010202', '2024-01-02', 2, 4), race('2024010201', '2024-01-02', 1, 4)],
    runners: [
      runner('2024010201', 1, 'ran', 2, 3.2),
      runner('2024010201', 2, 'ran', 1, 1.8),
      runner('2024010201', 3, 'ran', 3, 6.5),
      runner('2024010201', 4, 'ran', 4, 12.0),
      runner('2024010202', 1, 'ran', 1, 2.2),
      runner('2024010202', 2, 'scratched', null, null),
      runner('2024010202', 3, 'ran', 2, 4.0),
      runner('2024010202', 4, 'ran', 2, 5.0),
    ],
    payouts: [
      pay('2024010201', 'win', '2', 180),
      pay('2024010201', 'place', '2', 110),
      pay('2024010201', 'place', '1', 130),
      pay('2024010201', 'quinella', '1-2', 290),
      pay('2024010201', 'exacta', '2>1', 450),
      pay('2024010201', 'trifecta', '2>1>3', 1520),
      pay('2024010201', 'bracket_quinella', '1-2', 280),
      pay('2024010202', 'win', '1', 220),
      pay('2024010202', 'exacta', '1>3', 700),
      pay('2024010202', 'exacta', '1>4', 800),
    ],
    oddsSnapshots: [
      { raceId: '2024010201', betType: 'win', combination: '2', at: '2024-01-02T10:50:00', odds: 1.9 },
      { raceId: '2024010201', betType: 'quinella', combination: '1-2', at: '2024-01-02T10:50:00', odds: 3.0 },
    ],
    predictions: {
      'model-a': [
        { raceId: '2024010201', runner: 1, p: 0.3 },
        { raceId: '2024010201', runner: 2, p: 0.4 },
        { raceId: '2024010201', runner: 3, p: 0.2 },
        { raceId: '2024010201', runner: 4, p: 0.1 },
      ],
    },
    truth: [
      { raceId: '2024010202', runner: 1, pTrue: 0.5 },
      { raceId: '2024010202', runner: 3, pTrue: 0.3 },
      { raceId: '2024010202', runner: 4, pTrue: 0.2 },
    ],
  };
}

function combinationOf(p: { betType: string; a: number; b: number; c: number }): string {
  if (p.betType === 'win') return String(p.c);
  if (p.betType === 'quinella') return `${p.a}-${p.b}`;
  if (p.betType === 'bracket_quinella') return `${p.a}-${p.a}`;
  return `${p.c}>${p.a}>${p.b}`;
}

const STATUSES: RunnerStatus[] = ['ran', 'scratched', 'excluded', 'dnf', 'disqualified'];
const text = fc.stringMatching(/^[A-Za-z0-9\u6771\u4eac][A-Za-z0-9 \u6771\u4eac,"]{0,6}[A-Za-z0-9]$/);

/** Random valid datasets (small): every optional table present or absent, nulls anywhere allowed. */
export const datasetRowsArb: fc.Arbitrary<DatasetRows> = fc
  .record({
    races: fc.uniqueArray(
      fc.record({
        raceId: text,
        date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        time: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))),
        venue: text,
        raceNo: fc.integer({ min: 1, max: 12 }),
        surface: fc.constantFrom('turf', 'dirt', 'awt', 'jump', null),
        distanceM: fc.option(fc.integer({ min: 800, max: 4000 })),
        fieldSize: fc.integer({ min: 0, max: 18 }),
        source: fc.constantFrom('a', 'b'),
        runners: fc.uniqueArray(
          fc.record({
            runner: fc.integer({ min: 1, max: 99 }),
            bracket: fc.option(fc.integer({ min: 1, max: 8 })),
            status: fc.constantFrom(...STATUSES),
            finishPos: fc.option(fc.integer({ min: 1, max: 18 })),
            winOddsFinal: fc.option(fc.double({ min: 1, max: 1000, noNaN: true })),
            popularity: fc.option(fc.integer({ min: 1, max: 18 })),
            p: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          }),
          { selector: (r) => r.runner, maxLength: 5 },
        ),
        payouts: fc.uniqueArray(
          fc.record({
            betType: fc.constantFrom('win', 'quinella', 'trifecta', 'bracket_quinella') as fc.Arbitrary<'win' | 'quinella' | 'trifecta' | 'bracket_quinella'>,
            a: fc.integer({ min: 1, max: 8 }),
            b: fc.integer({ min: 9, max: 16 }),
            c: fc.integer({ min: 17, max: 99 }),
            payoutPer100: fc.integer({ min: 100, max: 2 ** 40 }),
          }),
          { selector: (p) => `${p.betType}:${combinationOf(p)}`, maxLength: 3 },
        ),
      }),
      { selector: (r) => r.raceId, maxLength: 5 },
    ),
    withOdds: fc.boolean(),
    withPredictions: fc.boolean(),
    withTruth: fc.boolean(),
  })
  .map(({ races, withOdds, withPredictions, withTruth }) => {
    const rows: DatasetRows = { races: [], runners: [], payouts: [] };
    if (withOdds) rows.oddsSnapshots = [];
    if (withPredictions) rows.predictions = { m1: [], 'm.2': [] };
    if (withTruth) rows.truth = [];
    for (const r of races) {
      rows.races.push({
        raceId: r.raceId,
        date: r.date,
        postTime: r.time ? `${r.date}T${String(r.time[0]).padStart(2, '0')}:${String(r.time[1]).padStart(2, '0')}` : null,
        venue: r.venue,
        raceNo: r.raceNo,
        surface: r.surface,
        distanceM: r.distanceM,
        fieldSize: r.fieldSize,
        source: r.source,
      });
      for (const u of r.runners) {
        rows.runners.push({ raceId: r.raceId, runner: u.runner, bracket: u.bracket, status: u.status, finishPos: u.finishPos, winOddsFinal: u.winOddsFinal, popularity: u.popularity });
        if (u.p !== null) {
          rows.predictions?.m1.push({ raceId: r.raceId, runner: u.runner, p: u.p });
          rows.truth?.push({ raceId: r.raceId, runner: u.runner, pTrue: u.p });
        }
      }
      for (const p of r.payouts) {
        const combination = combinationOf(p);
        rows.payouts.push({ raceId: r.raceId, betType: p.betType, combination, payoutPer100: p.payoutPer100 });
        rows.oddsSnapshots?.push({ raceId: r.raceId, betType: p.betType, combination, at: `${r.date}T09:00:00`, odds: p.payoutPer100 / 100 });
      }
    }
    return rows;
  });
