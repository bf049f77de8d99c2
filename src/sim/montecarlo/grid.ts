/**
 * The grid of Themis configurations a sweep evaluates: a base plus a cartesian product of
 * field values, each configuration validated by Themis and hashed. Layer: sim (imports themis).
 * Pure.
 */
import { configHash, parseConfig, ThemisError, type ThemisConfig } from '../../themis/index.ts';
import { SimError } from '../errors.ts';

/** A sweep grid: shared config fields and, per varied field, its values (first field outermost). */
export interface GridSpec {
  readonly base: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, readonly unknown[]>>;
}

/** One configuration of the grid. */
export interface GridConfig {
  readonly index: number;
  /** The grid values of this configuration, field -> value, in grid field order. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly config: ThemisConfig;
  readonly hash: string;
}

/** The default grid values of `keiba sim sweep`. */
export const DEFAULT_SAFETY_FACTORS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
export const DEFAULT_EV_THRESHOLDS: readonly number[] = [1.0, 1.05, 1.1, 1.2, 1.3];

/**
 * Expands a grid into its configurations: the cartesian product of `fields` (first field
 * outermost, values in the order given) over `base`, each parsed by Themis `parseConfig`.
 * Cost O(configs).
 * @param spec - base fields and varied fields
 * @returns the configurations in grid order
 * @throws SimError SIM_BAD_GRID when a field has no values, or when a configuration is invalid
 *   (the message names the field and value, e.g. safetyFactor 1.5 outside (0, 1])
 * @example buildGrid({ base: {}, fields: { safetyFactor: [0.5, 1], evThreshold: [1.1] } }).length // 2
 */
export function buildGrid(spec: GridSpec): GridConfig[] {
  const names = Object.keys(spec.fields);
  for (const name of names) {
    const values = spec.fields[name];
    if (!Array.isArray(values) || values.length === 0) {
      throw new SimError('SIM_BAD_GRID', `the grid gives no values for ${name} (an empty grid has no configurations)`, { field: name, value: values });
    }
    if (name in spec.base) {
      throw new SimError('SIM_BAD_GRID', `${name} is both a base field and a grid field`, { field: name });
    }
  }
  const out: GridConfig[] = [];
  const counts = names.map((n) => spec.fields[n].length);
  const total = counts.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    const params: Record<string, unknown> = {};
    let rest = k;
    for (let j = names.length - 1; j >= 0; j--) {
      params[names[j]] = spec.fields[names[j]][rest % counts[j]];
      rest = Math.floor(rest / counts[j]);
    }
    const ordered: Record<string, unknown> = {};
    for (const n of names) ordered[n] = params[n];
    let config: ThemisConfig;
    try {
      config = parseConfig({ ...spec.base, ...ordered });
    } catch (e) {
      if (e instanceof ThemisError) {
        throw new SimError('SIM_BAD_GRID', `configuration ${k} ${JSON.stringify(ordered)}: ${e.message}`, { field: e.field, value: e.value });
      }
      throw e;
    }
    out.push({ index: k, params: ordered, config, hash: configHash(config) });
  }
  return out;
}
