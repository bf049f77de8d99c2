/**
 * A progress bar with rate and ETA for long sweeps, drawn on a TTY stream (stderr); silent on
 * anything else. Layer: sim (writes to the given stream; reads the clock, never into results).
 */

/** A writable terminal stream (process.stderr). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A progress callback `(done, total)` for runSweep, drawing at most ~10 times a second, and a
 * `finish()` that clears the line. Does nothing when `stream` is not a TTY or `enabled` is false.
 * @throws nothing
 * @example const bar = createProgressBar(process.stderr, !json, 'paths'); await runSweep({ onProgress: bar.update }); bar.finish();
 */
export function createProgressBar(stream: ProgressStream, enabled: boolean, unit: string): { update: (done: number, total: number) => void; finish: () => void } {
  const on = enabled && stream.isTTY === true;
  const start = Date.now();
  let last = 0;
  let drawn = false;
  const update = (done: number, total: number): void => {
    if (!on) return;
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const secs = Math.max(1e-3, (now - start) / 1000);
    const rate = done / secs;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const width = 30;
    const fill = Math.round((width * done) / Math.max(1, total));
    stream.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${unit}  ${rate.toFixed(0)} ${unit}/s  ETA ${eta.toFixed(0)} s `);
    drawn = true;
  };
  const finish = (): void => {
    if (on && drawn) stream.write('\r\x1b[2K');
  };
  return { update, finish };
}
