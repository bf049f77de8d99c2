/**
 * Benchmark of Themis decide(): (1) an 18-runner win race (goal: mean under 20 us); (2) an
 * 18-runner race with all eight bet types and a few hundred candidate tickets, priced on a
 * Harville finishing-order distribution (goal: mean under 5 ms). Seeded synthetic races.
 * Prints its figures (wall-clock mean and p99 per call, and the process CPU time per call,
 * steadier on a shared machine); the last line is one JSON object.
 * Options: --seed S (default 'themis'), --iterations N (win race, default 50000),
 * --mixed-iterations N (default 100).
 */
import seedrandom from 'seedrandom';
import { combinationProbabilities, harvilleDistribution } from '../src/strategies/index.ts';
import { subsetHits } from '../src/themis/allocate.ts';
import {
  allocate,
  decide,
  JRA_PAYOUT_RATES,
  parseConfig,
  parseTicketId,
  type BetType,
  type FinishOrderDistribution,
  type RaceInput,
  type ThemisConfig,
  type TicketInput,
} from '../src/themis/index.ts';
import { activeDenseKernel } from '../src/themis/dense-kernel.ts';
import { hitLists, type HitLists } from '../src/themis/outcomes.ts';
import { benchOptions, quantileSorted } from './util.ts';

/** Win probabilities of an 18-runner field (normalised exponentials of a Gaussian-ish score). */
function field(rng: () => number, n: number): number[] {
  const w = Array.from({ length: n }, () => Math.exp(1.2 * (rng() + rng() + rng() - 1.5) * 2));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** Market odds for a model probability: payout rate over a noisy public probability, 0.1 steps, >= 1.0. */
function marketOdds(rng: () => number, p: number, rate: number, noise: number): number {
  const publicP = p * Math.exp(noise * (rng() + rng() + rng() - 1.5) * 2);
  return Math.max(1, Math.floor((rate / publicP) * 10) / 10);
}

function winRace(rng: () => number): RaceInput {
  const p = field(rng, 18);
  return { tickets: p.map((x, i) => ({ id: `win:${i + 1}`, p: x, odds: marketOdds(rng, x, 0.8, 0.25) })) };
}

/** All eight bet types on one 18-runner field: the most likely combinations of each type. */
function mixedRace(rng: () => number): { race: RaceInput; tickets: number } {
  const p = field(rng, 18);
  const dist = harvilleDistribution(new Map(p.map((x, i) => [i + 1, x])));
  const rates = JRA_PAYOUT_RATES;
  const bracketOf = (r: number): number => Math.min(8, Math.ceil(r / 2.25));
  const probs = combinationProbabilities(dist, bracketOf);
  const perType: Record<BetType, number> = { win: 18, place: 18, bracket_quinella: 36, quinella: 120, wide: 120, exacta: 200, trio: 200, trifecta: 300 };
  const tickets: TicketInput[] = [];
  for (const type of Object.keys(perType) as BetType[]) {
    const top = [...probs].filter(([id]) => id.startsWith(`${type}:`)).sort((x, y) => y[1] - x[1]).slice(0, perType[type]);
    for (const [id, q] of top) tickets.push({ id, odds: marketOdds(rng, q, rates[type], 0.5) });
  }
  const brackets = new Map<number, number>(Array.from({ length: 18 }, (_, i) => [i + 1, bracketOf(i + 1)]));
  return { race: { tickets, finishOrder: dist, placesPaid: 3, brackets }, tickets: tickets.length };
}

function summarise(samplesNs: Float64Array): { mean: number; p99: number } {
  const sorted = Float64Array.from(samplesNs).sort();
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { mean, p99: quantileSorted(sorted, 0.99) };
}

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, {
    seed: { type: 'string', default: 'themis' },
    iterations: { type: 'string', default: '50000' },
    'mixed-iterations': { type: 'string', default: '100' },
  });
  const seed = String(opts.seed);
  const iterations = Number(opts.iterations);
  const mixedIterations = Number(opts['mixed-iterations']);
  const rng = seedrandom(seed);
  const config = parseConfig({ safetyFactor: 0.25 });
  const bankroll = 1_000_000;

  // (1) 18-runner win races: a pool of 64 seeded races, decided in turn.
  const races = Array.from({ length: 64 }, () => winRace(rng));
  for (let i = 0; i < 5_000; i++) decide(races[i % 64], bankroll, config); // warm-up
  const win = new Float64Array(iterations);
  let bets = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    const d = decide(races[i % 64], bankroll, config);
    win[i] = Number(process.hrtime.bigint() - t0);
    bets += d.bets.length;
  }
  const winCpuUs = cpuMicros(process.cpuUsage(cpu0)) / iterations;
  const w = summarise(win);
  console.log(
    `decide, 18-runner win race: mean ${(w.mean / 1e3).toFixed(2)} us, p99 ${(w.p99 / 1e3).toFixed(2)} us over ${iterations} calls ` +
      `(process CPU ${winCpuUs.toFixed(2)} us a call, timer included; ${(bets / iterations).toFixed(2)} bets a race; goal: mean < 20 us)`,
  );

  // (2) all eight bet types, a few hundred candidates, joint allocation.
  let mixed: Record<string, unknown>;
  try {
    const mixedRaces = Array.from({ length: 8 }, () => mixedRace(rng));
    const ticketsPerRace = mixedRaces.reduce((s, r) => s + r.tickets, 0) / mixedRaces.length;
    const candidates = mixedRaces.reduce((s, r) => s + allocate(r.race, config).reason.filter((x) => x === null).length, 0) / mixedRaces.length;
    for (let i = 0; i < 4; i++) decide(mixedRaces[i % 8].race, bankroll, config); // warm-up
    const t = new Float64Array(mixedIterations);
    let mixedBets = 0;
    const mixedCpu0 = process.cpuUsage();
    for (let i = 0; i < mixedIterations; i++) {
      const t0 = process.hrtime.bigint();
      const d = decide(mixedRaces[i % 8].race, bankroll, config);
      t[i] = Number(process.hrtime.bigint() - t0);
      mixedBets += d.bets.length;
    }
    const mixedCpuMs = cpuMicros(process.cpuUsage(mixedCpu0)) / 1e3 / mixedIterations;
    const m = summarise(t);
    console.log(
      `decide, 18-runner race, 8 bet types: mean ${(m.mean / 1e6).toFixed(3)} ms, p99 ${(m.p99 / 1e6).toFixed(3)} ms over ${mixedIterations} calls ` +
        `(process CPU ${mixedCpuMs.toFixed(3)} ms a call; ${ticketsPerRace.toFixed(0)} tickets, ${candidates.toFixed(0)} candidates, ${(mixedBets / mixedIterations).toFixed(1)} bets a race; goal: mean < 5 ms)`,
    );
    const solverMs = await jointSolverShare(mixedRaces.map((r) => r.race), config, Math.max(8, Math.floor(mixedIterations / 4)));
    if (solverMs !== undefined) console.log(`  of which the joint solver (jointKelly on the candidates): mean ${solverMs.toFixed(3)} ms; dense kernel: ${activeDenseKernel().kind}`);
    mixed = {
      meanMs: round(m.mean / 1e6, 4),
      p99Ms: round(m.p99 / 1e6, 4),
      cpuMs: round(mixedCpuMs, 4),
      solverMeanMs: solverMs === undefined ? null : round(solverMs, 4),
      denseKernel: activeDenseKernel().kind,
      iterations: mixedIterations,
      tickets: ticketsPerRace,
      candidates,
      goalMeanMs: 5,
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.log(`decide, 18-runner race, 8 bet types: unavailable (${why})`);
    mixed = { unavailable: why };
  }
  console.log(
    JSON.stringify({
      bench: 'themis',
      seed,
      win18: { meanUs: round(w.mean / 1e3, 3), p99Us: round(w.p99 / 1e3, 3), cpuUs: round(winCpuUs, 3), iterations, goalMeanUs: 20 },
      mixed18: mixed,
    }),
  );
}

/** Mean time of the joint solver alone on each race's candidates (undefined when it is absent). */
async function jointSolverShare(races: RaceInput[], config: ThemisConfig, iterations: number): Promise<number | undefined> {
  const solver = (await import('../src/themis/joint-kelly.ts').catch(() => undefined)) as
    | { jointKelly: (problem: { outcomeProb: Float64Array; odds: Float64Array; hits: HitLists }) => unknown }
    | undefined;
  if (solver === undefined) return undefined;
  const problems = races.map((race) => {
    const a = allocate(race, config);
    const rows = a.reason.flatMap((r, i) => (r === null ? [i] : []));
    const dist = race.finishOrder as FinishOrderDistribution;
    const all = hitLists(a.ids.map((id) => parseTicketId(id)), dist, { placesPaid: race.placesPaid ?? 3, brackets: race.brackets });
    return { outcomeProb: dist.prob, odds: Float64Array.from(rows, (i) => a.odds[i]), hits: subsetHits(all, rows) };
  });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) solver.jointKelly(problems[i % problems.length]);
  return Number(process.hrtime.bigint() - t0) / 1e6 / iterations;
}

/** User plus system CPU time of a process.cpuUsage() difference, in microseconds. */
function cpuMicros(u: NodeJS.CpuUsage): number {
  return u.user + u.system;
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
