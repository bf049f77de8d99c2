/**
 * Errors of the simulation layer (race sources, Monte Carlo sweeps, shard merging).
 * Layer: sim (imports nothing from the project). Every error carries a literal `code` (the CLI
 * maps coded errors to exit status 2) and the field and value at fault, with the file and line
 * or race when the input is a file.
 */

/** Literal codes of simulation errors. */
export type SimErrorCode =
  | 'SIM_BAD_SOURCE' // a --source spec is malformed or names an unknown kind
  | 'SIM_MISSING_SOURCE' // the source file or dataset does not exist
  | 'SIM_BAD_POOL' // a race pool file is malformed (header, value, duplicate, sums)
  | 'SIM_BAD_OPTION' // an option value is unusable (paths, seed, threads, shard, ruin level ...)
  | 'SIM_BAD_GRID' // the sweep grid is empty or a config of it is invalid
  | 'SIM_UNSUPPORTED_CONFIG' // a config uses a sizing feature the kernel does not reproduce
  | 'SIM_BAD_SHARD' // shard results do not fit together (different sweeps, missing or repeated shards)
  | 'SIM_OUT_EXISTS' // the output folder exists and is not empty
  | 'SIM_WRITE_FAILED' // writing results failed (the target is left untouched)
  | 'SIM_WORKER_FAILED'; // a worker thread failed or stalled

/** Where a simulation error happened; every field is optional. */
export interface SimErrorContext {
  file?: string;
  line?: number;
  race?: string;
  field?: string;
  value?: unknown;
}

/**
 * An input the simulation cannot use. The message names the place (file:line, race) and the
 * field and value at fault.
 * @example
 * new SimError('SIM_BAD_POOL', 'probabilities sum to 0.9', { file: 'pool.csv', line: 12, race: 'R1', field: 'p_true' }).message
 * // "pool.csv:12: race R1: field p_true: probabilities sum to 0.9"
 */
export class SimError extends Error {
  readonly code: SimErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly race?: string;
  readonly field?: string;
  readonly value?: unknown;
  constructor(code: SimErrorCode, message: string, context: SimErrorContext = {}) {
    super(prefix(context) + message);
    this.name = 'SimError';
    this.code = code;
    this.file = context.file;
    this.line = context.line;
    this.race = context.race;
    this.field = context.field;
    this.value = context.value;
  }
}

function prefix(c: SimErrorContext): string {
  let s = '';
  if (c.file !== undefined) s += c.line !== undefined ? `${c.file}:${c.line}: ` : `${c.file}: `;
  if (c.race !== undefined) s += `race ${c.race}: `;
  if (c.field !== undefined) s += `field ${c.field}: `;
  return s;
}
