/**
 * Gradual change: the parameters that differ between the live config and a candidate, and
 * whether each moved within its configured step. Layer: live (promote); pure.
 * Units: those of the Themis config (fractions, decimal EV, integer yen).
 */
import { canonicalJson, type ThemisConfig } from '../../themis/index.ts';

/** One changed parameter (a dotted path such as `finishOrder.gamma`). */
export interface ParameterChange {
  readonly parameter: string;
  readonly from: unknown;
  readonly to: unknown;
  /** |to - from| for two numbers, else null. */
  readonly step: number | null;
  /** The configured largest step, or null when none is configured. */
  readonly limit: number | null;
  readonly allowed: boolean;
}

function leaves(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, v);
}

/**
 * The parameters that differ between two configs, each judged against `steps`: a number may
 * move by at most its step (with 1e-9 slack for decimal noise); a parameter without a step, a
 * cap switched between null and a number, or a non-numeric change (betTypes, model) is allowed
 * only when `allowUnlisted` is true.
 * @example parameterChanges(parseConfig({ safetyFactor: 0.25 }), parseConfig({ safetyFactor: 0.5 }), { safetyFactor: 0.1 }, false)
 *   // [{ parameter: 'safetyFactor', from: 0.25, to: 0.5, step: 0.25, limit: 0.1, allowed: false }]
 */
export function parameterChanges(from: ThemisConfig, to: ThemisConfig, steps: Readonly<Record<string, number>>, allowUnlisted: boolean): ParameterChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(from, '', a);
  leaves(to, '', b);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ParameterChange[] = [];
  for (const p of names) {
    const x = a.get(p);
    const y = b.get(p);
    if (canonicalJson(x) === canonicalJson(y)) continue;
    const limit = Object.hasOwn(steps, p) ? steps[p] : null;
    if (typeof x === 'number' && typeof y === 'number') {
      const step = Math.abs(y - x);
      out.push({ parameter: p, from: x, to: y, step, limit, allowed: limit !== null ? step <= limit + 1e-9 : allowUnlisted });
    } else {
      out.push({ parameter: p, from: x ?? null, to: y ?? null, step: null, limit, allowed: allowUnlisted });
    }
  }
  return out;
}
