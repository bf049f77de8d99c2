// Worker entry of the backtest's stage-1 pool: registers tsx (workers do not inherit the
// parent's loader), then loads the TypeScript worker; a failure to load is posted to the replay
// as fatal (it waits on the shared counter, so the failure is signalled there too). Layer: sim.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./stage-one-worker.ts');
} catch (e) {
  workerData.port.postMessage({ seq: -1, fatal: `stage-1 worker failed to start: ${e instanceof Error ? e.message : String(e)}` });
  const counter = new Int32Array(workerData.signal);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}
