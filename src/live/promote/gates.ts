/**
 * The gates of a promotion, as pure functions of the parsed evidence, the policy, the current
 * record and the time: evidence present and of this config hash, dataset hashes recorded, enough
 * out-of-sample races, bootstrap ROI lower bound above the floor, Monte Carlo ruin under the
 * bound, safety factor under the ceiling, fresh evidence, gradual change, no running canary, no
 * race-day freeze. Each result names the gate, the measured value and the limit.
 * Layer: live (promote); pure. Units: ratios, probabilities, days, epoch milliseconds.
 */
import type { ThemisConfig } from '../../themis/index.ts';
import { bootstrapRoi } from './bootstrap-roi.ts';
import { parameterChanges } from './parameter-steps.ts';
import type { PromotionPolicy } from './promotion-policy.ts';
import { freezeWindowAt, type RaceDay } from './race-calendar.ts';
import type { BacktestEvidence, EvidenceSet, SweepEvidence, SweepRow } from './read-evidence.ts';

/** Names of the gates, in the order they are reported. */
export const GATE_NAMES = ['evidence', 'backtest-config', 'sweep-config', 'dataset-hash', 'races', 'roi', 'ruin', 'safety-factor', 'evidence-age', 'step', 'canary', 'freeze'] as const;

/** A gate's name. */
export type GateName = (typeof GATE_NAMES)[number];

/** The verdict of one gate. */
export interface GateResult {
  readonly gate: GateName;
  readonly passed: boolean;
  /** What was measured, in words with its value. */
  readonly measured: string;
  /** The limit it was held to. */
  readonly limit: string;
  /** Set when the gate failed but `--force` (with a reason) overrode it (the freeze gate only). */
  readonly overridden?: boolean;
  /** For the step gate: the parameter. */
  readonly parameter?: string;
}

/** What the gates read. */
export interface GateInput {
  readonly configHash: string;
  readonly config: ThemisConfig;
  readonly evidence: EvidenceSet;
  readonly policy: PromotionPolicy;
  /** The live (accepted) config, or undefined before the first promotion. */
  readonly current: { readonly configHash: string; readonly config: ThemisConfig } | undefined;
  /** A canary still running, if any. */
  readonly canary: { readonly configHash: string } | undefined;
  readonly nowMs: number;
  /** Race days, or null when no calendar was given. */
  readonly calendar: readonly RaceDay[] | null;
  /** `--force` with its reason: overrides the freeze gate only. */
  readonly force: { readonly reason: string } | null;
}

const short = (h: string): string => h.slice(0, 12);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const HEX64 = /^[0-9a-f]{64}$/;

function gate(name: GateName, passed: boolean, measured: string, limit: string, extra: Partial<GateResult> = {}): GateResult {
  return { gate: name, passed, measured, limit, ...extra };
}

/**
 * The sweep's row of a config, if it holds one.
 * @example sweepRowOf(sweep, hash)?.ruin.hi
 */
export function sweepRowOf(sweep: SweepEvidence, configHash: string): SweepRow | undefined {
  return sweep.rows.find((r) => r.configHash === configHash);
}

function evidenceGates(x: GateInput, bt: BacktestEvidence | undefined, sw: SweepEvidence | undefined): GateResult[] {
  const { evidence } = x;
  const out: GateResult[] = [];
  const issues: string[] = [...evidence.problems];
  if (evidence.backtests.length === 0) issues.push('no backtest summary');
  if (evidence.backtests.length > 1) issues.push(`${evidence.backtests.length} backtest summaries (give one)`);
  if (evidence.sweeps.length === 0) issues.push('no sweep summary');
  if (evidence.sweeps.length > 1) issues.push(`${evidence.sweeps.length} sweep summaries (give one)`);
  out.push(gate('evidence', issues.length === 0, issues.length === 0 ? `backtest ${bt?.dir}, sweep ${sw?.dir}` : issues.join('; '), 'one backtest run and one sweep, each a folder with summary.json'));
  if (bt !== undefined) out.push(gate('backtest-config', bt.configHash === x.configHash, `backtest ${bt.dir} is of config ${short(bt.configHash)}`, `config ${short(x.configHash)}`));
  if (sw !== undefined) {
    const row = sweepRowOf(sw, x.configHash);
    out.push(
      gate(
        'sweep-config',
        row !== undefined,
        row !== undefined ? `sweep ${sw.dir} has config ${short(x.configHash)} (safety ${row.safetyFactor}, EV ${row.evThreshold})` : `sweep ${sw.dir} has no row of config ${short(x.configHash)} among its ${sw.rows.length} configs`,
        `a row of config ${short(x.configHash)}`,
      ),
    );
  }
  if (bt !== undefined || sw !== undefined) {
    const missing: string[] = [];
    if (bt !== undefined && !HEX64.test(bt.datasetHash)) missing.push(`backtest datasetHash '${bt.datasetHash}'`);
    if (sw !== undefined && !HEX64.test(sw.sourceHash)) missing.push(`sweep source hash '${sw.sourceHash}'`);
    const shown = [bt && `backtest dataset ${short(bt.datasetHash)}`, sw && `sweep source ${sw.sourceKind} ${short(sw.sourceHash)}`].filter(Boolean).join(', ');
    out.push(gate('dataset-hash', missing.length === 0, missing.length === 0 ? shown : `not recorded: ${missing.join(', ')}`, 'a sha256 of the dataset recorded in each summary'));
  }
  return out;
}

/**
 * Evaluates every gate (see the header). Gates that need a kind of evidence that is missing are
 * left out; the evidence gate has failed then.
 * @returns the results in {@link GATE_NAMES} order (the step gate once per changed parameter)
 * @throws nothing for bad evidence (it fails gates)
 * @example evaluateGates(input).filter((g) => !g.passed && !g.overridden).map((g) => g.gate) // ['ruin']
 */
export function evaluateGates(x: GateInput): GateResult[] {
  const { policy: p } = x;
  const bt = x.evidence.backtests.length === 1 ? x.evidence.backtests[0] : undefined;
  const sw = x.evidence.sweeps.length === 1 ? x.evidence.sweeps[0] : undefined;
  const out = evidenceGates(x, bt, sw);

  if (bt !== undefined) {
    const inSample = bt.inSampleWindows.length > 0;
    out.push(
      gate(
        'races',
        !inSample && bt.racesBet >= p.minRaces,
        inSample ? `test windows from ${bt.inSampleWindows.join(', ')} are fitted on their own races (in-sample)` : `${bt.racesBet} races bet out-of-sample (${bt.racesSeen} seen${bt.walkForward ? ', walk-forward' : ''})`,
        `at least ${p.minRaces} races bet out-of-sample`,
      ),
    );
    const roiLimit = `lower bound of the ${p.roiConfidence * 100}% bootstrap interval of ROI above ${p.roiFloor}`;
    if (bt.perRace === null) out.push(gate('roi', false, `evidence lacks per-race returns (${bt.dir} has no races.arrow or bets.arrow)`, roiLimit));
    else {
      const ci = bootstrapRoi(bt.perRace.stakeYen, bt.perRace.returnYen, { confidence: p.roiConfidence, resamples: p.bootstrapResamples, seed: p.bootstrapSeed });
      out.push(
        ci === undefined
          ? gate('roi', false, 'no race with a stake: ROI undefined', roiLimit)
          : gate('roi', ci.lo > p.roiFloor, `ROI ${ci.roi.toFixed(4)}, interval [${ci.lo.toFixed(4)}, ${ci.hi.toFixed(4)}] over ${ci.races} races (${ci.resamples} resamples, ${bt.perRace.from})`, roiLimit),
      );
    }
  }
  const row = sw && sweepRowOf(sw, x.configHash);
  if (sw !== undefined && row !== undefined) {
    const value = p.ruinBound === 'upper' ? row.ruin.hi : row.ruin.value;
    const what = p.ruinBound === 'upper' ? 'upper Wilson bound' : 'estimate';
    out.push(gate('ruin', value <= p.maxRuin, `ruin probability ${what} ${pct(value)} (${row.ruin.count} of ${row.ruin.n} paths ruined)`, `at most ${pct(p.maxRuin)}`));
  }
  out.push(gate('safety-factor', x.config.safetyFactor <= p.maxSafetyFactor, `safety factor ${x.config.safetyFactor}`, `at most ${p.maxSafetyFactor}`));

  const dated = [...(bt ? [bt] : []), ...(sw ? [sw] : [])];
  if (dated.length > 0) {
    const oldest = dated.reduce((a, b) => (a.producedMs <= b.producedMs ? a : b));
    const ageDays = (x.nowMs - oldest.producedMs) / 86_400_000;
    out.push(gate('evidence-age', ageDays <= p.maxEvidenceAgeDays, `${oldest.kind} ${oldest.dir} is ${ageDays.toFixed(1)} days old`, `at most ${p.maxEvidenceAgeDays} days`));
  }

  if (x.current === undefined) out.push(gate('step', true, 'no live config yet: first promotion', 'steps per parameter'));
  else {
    const changes = parameterChanges(x.current.config, x.config, p.steps, p.allowUnlistedChanges);
    if (changes.length === 0) out.push(gate('step', true, `no parameter changes from the live config ${short(x.current.configHash)}`, 'steps per parameter'));
    for (const c of changes) {
      const moved = c.step !== null ? `${c.parameter} moves ${c.from} -> ${c.to} (by ${+c.step.toFixed(10)})` : `${c.parameter} changes ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`;
      const limit = c.limit !== null && c.step !== null ? `at most ${c.limit} per promotion` : c.limit !== null ? `numbers within ${c.limit} (null caps may not change)` : p.allowUnlistedChanges ? 'any change (allowUnlistedChanges)' : 'no change (no step configured for it)';
      out.push(gate('step', c.allowed, moved, limit, { parameter: c.parameter }));
    }
  }

  out.push(gate('canary', x.canary === undefined, x.canary === undefined ? 'no canary running' : `canary ${short(x.canary.configHash)} is still running`, 'no canary running (wait for its takeover or abort, or roll it back)'));

  const freezeLimit = `no promotion from ${p.freezeMinutesBeforeFirstPost} min before a race day's first post to ${p.freezeMinutesAfterLastPost} min after its last`;
  let freeze: GateResult;
  if (x.calendar === null) freeze = gate('freeze', !p.requireCalendar, 'no race-day calendar given (--calendar DATASET)', p.requireCalendar ? `${freezeLimit}; a calendar is required` : freezeLimit);
  else {
    const w = freezeWindowAt(x.nowMs, x.calendar, p.freezeMinutesBeforeFirstPost, p.freezeMinutesAfterLastPost);
    freeze =
      w === undefined
        ? gate('freeze', true, `outside every freeze window (${x.calendar.length} race days)`, freezeLimit)
        : gate('freeze', false, `${new Date(x.nowMs).toISOString()} is in the freeze window of ${w.day.date} (${new Date(w.fromMs).toISOString()} to ${new Date(w.toMs).toISOString()}; first post ${new Date(w.day.firstPostMs).toISOString()})`, freezeLimit);
  }
  if (!freeze.passed && x.force !== null) freeze = { ...freeze, overridden: true, measured: `${freeze.measured}; overridden by --force: ${x.force.reason}` };
  out.push(freeze);
  return out;
}

/**
 * The gates that refuse the promotion (failed and not overridden).
 * @example failedGates(evaluateGates(input)).length === 0 // accepted
 */
export function failedGates(results: readonly GateResult[]): GateResult[] {
  return results.filter((g) => !g.passed && g.overridden !== true);
}

/**
 * One line per gate: `gate: measured (limit ...)`.
 * @example formatGate({ gate: 'ruin', passed: false, measured: 'ruin 3%', limit: 'at most 1%' }) // 'ruin: ruin 3% (limit: at most 1%)'
 */
export function formatGate(g: GateResult): string {
  return `${g.gate}: ${g.measured} (limit: ${g.limit})`;
}
