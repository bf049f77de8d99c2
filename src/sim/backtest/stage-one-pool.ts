/**
 * Worker threads that compute stage 1 of the replay's decisions ahead of the replay: the races'
 * offers and Themis allocations (synthetic-stage-one.ts), which do not depend on the bankroll,
 * while the replay's own thread sizes, settles and books race after race in order. The replay
 * stays synchronous: it takes a race's result with `take`, which blocks on a shared counter
 * (Atomics.wait) until a worker has posted it, and reads the workers' channels with
 * receiveMessageOnPort. Results do not depend on the number of threads or on which worker
 * computed a race (stage 1 is pure). Layer: sim. Effects: worker threads.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ColumnarAllocation, ThemisConfig } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import { packTask, rebuiltError, unpackStage, type StageOneInit, type StageOneReply, type StageOneTask } from './stage-one-protocol.ts';
import type { SyntheticRaceTask } from './synthetic-stage-one.ts';

/** A worker that posts nothing for this long is taken as failed. */
const STALL_MS = 120_000;

/**
 * A pool of stage-1 workers. It serves any number of replays one after the other (each race
 * carries its config), and its workers stay compiled from one replay to the next; `close` it
 * when done.
 */
export class StageOnePool {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly pending: number[] = [];
  private readonly ready: boolean[] = [];
  /** The config last posted to each worker (a worker decides with the config last posted to it). */
  private readonly posted: (ThemisConfig | null)[] = [];
  private readyCount = 0;
  private readonly owner = new Map<number, number>();
  private readonly done = new Map<number, StageOneReply>();
  private readonly counter: Int32Array;

  /**
   * Starts `threads` workers (they load while the caller goes on).
   * @param threads - number of worker threads, >= 1
   */
  constructor(threads: number) {
    const signal = new SharedArrayBuffer(4);
    this.counter = new Int32Array(signal);
    const url = new URL('./stage-one-worker-bootstrap.mjs', import.meta.url);
    for (let i = 0; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const init: StageOneInit = { port: port2, signal };
      const w = new Worker(url, { workerData: init, transferList: [port2] });
      w.unref();
      this.workers.push(w);
      this.ports.push(port1);
      this.pending.push(0);
      this.ready.push(false);
      this.posted.push(null);
    }
  }

  /** Number of worker threads. */
  get threads(): number {
    return this.workers.length;
  }

  /** Workers loaded and taking races (loading takes a fraction of a second; the replay decides races itself meanwhile). */
  get readyWorkers(): number {
    if (this.readyCount < this.workers.length) this.drain();
    return this.readyCount;
  }

  /** Races submitted and not yet taken. */
  get inFlight(): number {
    return this.owner.size;
  }

  /**
   * Blocks until every worker has loaded (for callers that want every race through the workers).
   * @throws SimError SIM_WORKER_FAILED when a worker fails or takes over 120 s
   */
  waitUntilReady(): void {
    while (this.readyWorkers < this.workers.length) this.wait('did not load');
  }

  /**
   * Posts race `seq` (a number unique among the races not yet taken) and the config to decide
   * it with to the least busy ready worker; false (nothing posted) when no worker is ready yet.
   * The race goes packed (packTask), the config only when it is not the object last posted to
   * that worker since the last discard.
   */
  submit(seq: number, task: SyntheticRaceTask, config: ThemisConfig): boolean {
    let k = -1;
    for (let i = 0; i < this.pending.length; i++) if (this.ready[i] && (k < 0 || this.pending[i] < this.pending[k])) k = i;
    if (k < 0) return false;
    const transfer: ArrayBuffer[] = [];
    const race = packTask(task, transfer);
    const msg: StageOneTask = this.posted[k] === config ? { seq, race } : { seq, race, config };
    this.ports[k].postMessage(msg, transfer);
    this.posted[k] = config;
    this.pending[k]++;
    this.owner.set(seq, k);
    return true;
  }

  /** Whether race `seq`'s result is in (take will not wait). */
  isDone(seq: number): boolean {
    if (!this.done.has(seq)) this.drain();
    return this.done.has(seq);
  }

  /** Whether race `seq` was submitted and not yet taken. */
  has(seq: number): boolean {
    return this.owner.has(seq);
  }

  /**
   * The stage-1 allocation of race `seq`, waiting for it if need be.
   * @throws the error the race's stage 1 threw (rebuilt: ThemisError, StrategyError as thrown);
   *   SimError SIM_WORKER_FAILED when a worker fails or stalls
   */
  take(seq: number): ColumnarAllocation {
    const reply = this.receive(seq);
    if ('error' in reply) throw rebuiltError(reply.error);
    if (!('stage' in reply)) throw new Error(`StageOnePool: race ${seq}: unexpected reply`);
    return unpackStage(reply.stage);
  }

  /**
   * Waits for every race submitted and not taken and drops them, so that the next replay starts
   * afresh (its config is posted again, even the same object changed in between).
   */
  discard(): void {
    this.posted.fill(null);
    for (const seq of [...this.owner.keys()]) this.receive(seq);
  }

  /** Stops the workers (results not taken are dropped). */
  close(): void {
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }

  /** The reply of race `seq` (waiting for it), removed from the pool's books. */
  private receive(seq: number): StageOneReply {
    const k = this.owner.get(seq);
    if (k === undefined) throw new Error(`StageOnePool: race ${seq} was not submitted`);
    let reply = this.done.get(seq);
    while (reply === undefined) {
      this.wait('posted nothing');
      reply = this.done.get(seq);
    }
    this.done.delete(seq);
    this.owner.delete(seq);
    this.pending[k]--;
    return reply;
  }

  /** Takes in what the workers posted, or waits until they post something. */
  private wait(what: string): void {
    const seen = Atomics.load(this.counter, 0);
    if (this.drain() > 0) return;
    if (Atomics.wait(this.counter, 0, seen, STALL_MS) === 'timed-out' && this.drain() === 0) {
      throw new SimError('SIM_WORKER_FAILED', `a stage-1 worker ${what} for ${STALL_MS / 1000} s`, { field: 'threads' });
    }
  }

  /** Moves every posted reply into `done` (and notes the workers loaded); returns how many messages. */
  private drain(): number {
    let n = 0;
    for (let k = 0; k < this.ports.length; k++) {
      const port = this.ports[k];
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const reply = m.message as StageOneReply;
        n++;
        if ('fatal' in reply) throw new SimError('SIM_WORKER_FAILED', reply.fatal, { field: 'threads' });
        if ('ready' in reply) {
          this.ready[k] = true;
          this.readyCount++;
        } else this.done.set(reply.seq, reply);
      }
    }
    return n;
  }
}
