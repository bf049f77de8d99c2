/**
 * Worker thread of the backtest's stage-1 pool: for each task posted on its channel, the
 * stage-1 allocation of the race (allocateSyntheticRace) or the error it threw, posted back,
 * then the shared counter incremented and notified (the replay waits on it). Layer: sim.
 * Effects: worker messages only.
 */
import { workerData } from 'node:worker_threads';
import type { ColumnarRaceInput, ThemisConfig } from '../../themis/index.ts';
import { packStage, postedError, unpackTask, type StageOneInit, type StageOneReply, type StageOneTask } from './stage-one-protocol.ts';
import { allocateSyntheticRace } from './synthetic-stage-one.ts';

const { port, signal } = workerData as StageOneInit;
const counter = new Int32Array(signal);
let reuse: ColumnarRaceInput | undefined;
/** The config last posted: the replay posts one with the first race it applies to. */
let config: ThemisConfig | undefined;

function post(reply: StageOneReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

port.on('message', (msg: StageOneTask) => {
  let reply: StageOneReply;
  const transfer: ArrayBuffer[] = [];
  if (msg.config !== undefined) config = msg.config;
  try {
    if (config === undefined) throw new Error(`stage-1 worker: race ${msg.seq} came before any config`);
    const { stage, race } = allocateSyntheticRace(unpackTask(msg.race), config, reuse);
    reuse = race;
    reply = { seq: msg.seq, stage: packStage(stage, transfer) };
  } catch (e) {
    reuse = undefined;
    reply = { seq: msg.seq, error: postedError(e) };
  }
  try {
    post(reply, transfer);
  } catch (e) {
    post({ seq: -1, fatal: `stage-1 worker could not post race ${msg.seq}: ${e instanceof Error ? e.message : String(e)}` });
  }
});

// Loaded: the replay starts submitting races to this worker.
post({ seq: -1, ready: true });
