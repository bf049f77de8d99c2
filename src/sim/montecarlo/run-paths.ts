/**
 * Runs the kernel over a range of paths, inline or on worker threads, in chunks of paths, and
 * gathers the per-path final bankrolls (in path order) and the integer counts. Whatever the
 * number of threads or the chunking, the result is identical. Layer: sim. Effects: worker threads.
 */
import { Worker } from 'node:worker_threads';
import { simulateBootstrapPaths } from './bootstrap-kernel.ts';
import { addKernelCounts, newKernelCounts, simulatePaths, type KernelCounts } from './kernel.ts';
import type { KernelPlan } from './plan.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** The raw result of paths start .. end - 1: finals[(path - start) * configs + config] in yen. */
export interface RawPaths {
  readonly pathStart: number;
  readonly pathEnd: number;
  readonly finals: Float64Array;
  readonly counts: KernelCounts;
}

/** Options of {@link runPaths}. */
export interface RunPathsOptions {
  /** Worker threads; 1 runs inline on the calling thread. */
  readonly threads: number;
  /** Fan checkpoint race indices (empty: no fan histograms). */
  readonly checkpoints: Int32Array;
  /**
   * Paths per chunk. Default inline: about 4 chunks, at most 5,000 paths; on workers, guided:
   * each chunk takes 1 / (2 x threads) of the paths left (at least 25), so the last chunks are
   * small and no worker idles long while another finishes a big one.
   */
  readonly chunkPaths?: number;
  /** Called after each chunk with the paths done so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called when the workers are ready and simulation starts (for timing). */
  readonly onStart?: () => void;
}

/**
 * Simulates paths `pathStart .. pathEnd - 1` of a plan.
 * @param plan - the kernel plan
 * @param seed - the sweep seed
 * @param pathStart - first global path index
 * @param pathEnd - one past the last
 * @param options - threads, checkpoints, chunking, progress
 * @returns finals in path order and summed counts
 * @throws Error when a worker fails
 * @example await runPaths(plan, '1', 0, 1000, { threads: 2, checkpoints: new Int32Array(0) })
 */
export async function runPaths(plan: KernelPlan, seed: string, pathStart: number, pathEnd: number, options: RunPathsOptions): Promise<RawPaths> {
  const total = pathEnd - pathStart;
  const C = plan.configs;
  const threads = Math.max(1, Math.min(options.threads, Math.max(1, total)));
  // Results do not depend on the chunking.
  const chunks: [number, number][] = [];
  if (options.chunkPaths !== undefined || threads === 1) {
    const chunk = options.chunkPaths ?? Math.max(1, Math.min(5000, Math.ceil(total / (threads * 4))));
    for (let s = pathStart; s < pathEnd; s += chunk) chunks.push([s, Math.min(pathEnd, s + chunk)]);
  } else {
    for (let s = pathStart; s < pathEnd; ) {
      const e = Math.min(pathEnd, s + Math.max(25, Math.ceil((pathEnd - s) / (2 * threads))));
      chunks.push([s, e]);
      s = e;
    }
  }
  const finals = new Float64Array(total * C);
  const counts = newKernelCounts(C, plan.races, options.checkpoints.length);
  let done = 0;

  if (threads === 1) {
    const simulate = plan.bootstrap === undefined ? simulatePaths : simulateBootstrapPaths;
    options.onStart?.();
    for (const [s, e] of chunks) {
      simulate(plan, seed, s, e, options.checkpoints, counts, finals.subarray((s - pathStart) * C, (e - pathStart) * C));
      done += e - s;
      options.onProgress?.(done, total);
      if (options.onProgress !== undefined) await new Promise<void>((r) => setImmediate(r));
    }
    return { pathStart, pathEnd, finals, counts };
  }

  const url = new URL('./worker-bootstrap.mjs', import.meta.url);
  const workers: Worker[] = [];
  try {
    // Each worker gets the plan first and answers 'ready' once it has it, so start-up (module
    // loading, the plan's transfer) is not timed as simulation.
    const init: WorkerRequest = { type: 'init', plan, seed, checkpoints: options.checkpoints };
    for (let i = 0; i < threads; i++) {
      const w = new Worker(url);
      w.postMessage(init);
      workers.push(w);
    }
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', (msg: WorkerReply) =>
              msg.type === 'ready' ? resolve() : reject(new Error(msg.type === 'error' ? `sweep worker failed: ${msg.message}` : `sweep worker: unexpected ${msg.type} message`)),
            );
            w.once('error', reject);
          }),
      ),
    );
    options.onStart?.();
    let next = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = (m: WorkerRequest): void => w.postMessage(m);
            let finished = false;
            const feed = (): void => {
              if (next < chunks.length) {
                const [s, e] = chunks[next++];
                send({ type: 'chunk', start: s, end: e });
              } else if (!finished) {
                finished = true; // after the chunks already queued, once
                send({ type: 'finish' });
              }
            };
            w.on('message', (msg: WorkerReply) => {
              if (msg.type === 'error') {
                reject(new Error(`sweep worker failed: ${msg.message}`));
              } else if (msg.type === 'ready') {
                // already handled
              } else if (msg.type === 'chunk') {
                finals.set(msg.finals, (msg.start - pathStart) * C);
                done += msg.end - msg.start;
                options.onProgress?.(done, total);
                feed();
              } else {
                addKernelCounts(counts, msg.counts);
                resolve();
              }
            });
            w.on('error', reject);
            w.on('exit', (code) => reject(new Error(`sweep worker exited with code ${code}`)));
            // Two chunks in flight per worker: the next one is queued while the worker computes,
            // so it never waits for a round trip through this thread.
            feed();
            feed();
          }),
      ),
    );
  } finally {
    // Idle workers are let go without waiting for their threads to end.
    for (const w of workers) void w.terminate();
  }
  return { pathStart, pathEnd, finals, counts };
}
