/**
 * Worker thread of a sweep: decodes a message, calls the typed-array kernel, posts back.
 * Layer: sim. Effects: worker messages only.
 */
import { parentPort } from 'node:worker_threads';
import { simulateBootstrapPaths } from './bootstrap-kernel.ts';
import { newKernelCounts, simulatePaths, type KernelCounts } from './kernel.ts';
import type { KernelPlan } from './plan.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

let plan: KernelPlan | undefined;
let seed = '';
let checkpoints: Int32Array = new Int32Array(0);
let counts: KernelCounts | undefined;

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');

port.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.type === 'init') {
      plan = msg.plan;
      seed = msg.seed;
      checkpoints = msg.checkpoints;
      counts = newKernelCounts(plan.configs, plan.races, checkpoints.length);
      const ready: WorkerReply = { type: 'ready' };
      port.postMessage(ready);
    } else if (msg.type === 'chunk') {
      if (plan === undefined || counts === undefined) throw new Error('chunk before init');
      const finals = new Float64Array((msg.end - msg.start) * plan.configs);
      (plan.bootstrap === undefined ? simulatePaths : simulateBootstrapPaths)(plan, seed, msg.start, msg.end, checkpoints, counts, finals);
      const reply: WorkerReply = { type: 'chunk', start: msg.start, end: msg.end, finals };
      port.postMessage(reply, [finals.buffer]);
    } else {
      if (counts === undefined) throw new Error('finish before init');
      const reply: WorkerReply = { type: 'counts', counts };
      port.postMessage(reply);
    }
  } catch (e) {
    const reply: WorkerReply = { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    port.postMessage(reply);
  }
});
