/**
 * The `着順` (finish) cells of netkeiba result pages: positions, demotions and the codes of
 * runners that did not finish or did not start. Layer: data; pure.
 */
import type { RunnerStatus } from '../rows.ts';

/** A parsed finish cell. `demoted` marks `3(降)`: placed 3rd by the stewards (降着). */
export interface NetkeibaFinish {
  status: RunnerStatus;
  finishPos: number | null;
  demoted: boolean;
}

/**
 * Codes of runners without a position: `中` 競走中止 (started, did not finish: a losing runner),
 * `除` 競走除外 (excluded before the start: refunded), `取` 出走取消 (scratched: refunded),
 * `失` 失格 (disqualified).
 */
export const NETKEIBA_FINISH_CODES: Readonly<Record<string, RunnerStatus>> = {
  中: 'dnf',
  除: 'excluded',
  取: 'scratched',
  失: 'disqualified',
};

/**
 * Parses a `着順` cell: `1`, `3(降)` (demoted to 3rd: status ran, position 3) or a code.
 * @returns undefined for anything else (the caller refuses the row).
 * @example parseNetkeibaFinish('3(降)') // { status: 'ran', finishPos: 3, demoted: true }
 * @example parseNetkeibaFinish('取') // { status: 'scratched', finishPos: null, demoted: false }
 */
export function parseNetkeibaFinish(text: string): NetkeibaFinish | undefined {
  const m = /^([1-9][0-9]?)(\(降\))?$/.exec(text);
  if (m) return { status: 'ran', finishPos: Number(m[1]), demoted: m[2] !== undefined };
  const status = NETKEIBA_FINISH_CODES[text];
  return status === undefined ? undefined : { status, finishPos: null, demoted: false };
}
