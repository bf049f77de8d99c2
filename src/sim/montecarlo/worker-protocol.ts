/**
 * Messages between the sweep runner and its worker threads. Layer: sim (types only, pure).
 */
import type { KernelCounts } from './kernel.ts';
import type { KernelPlan } from './plan.ts';

/** Sent once: the plan and the sweep's seed and fan checkpoints. */
export interface InitMessage {
  readonly type: 'init';
  readonly plan: KernelPlan;
  readonly seed: string;
  readonly checkpoints: Int32Array;
}

/** Simulate global paths start .. end - 1. */
export interface ChunkMessage {
  readonly type: 'chunk';
  readonly start: number;
  readonly end: number;
}

/** No more chunks: send the counts accumulated so far. */
export interface FinishMessage {
  readonly type: 'finish';
}

export type WorkerRequest = InitMessage | ChunkMessage | FinishMessage;

/** Final bankrolls of a chunk, (path - start) * configs + config. */
export interface ChunkResult {
  readonly type: 'chunk';
  readonly start: number;
  readonly end: number;
  readonly finals: Float64Array;
}

export interface CountsResult {
  readonly type: 'counts';
  readonly counts: KernelCounts;
}

/** Sent once when the worker has its plan (the init message) and waits for chunks. */
export interface ReadyResult {
  readonly type: 'ready';
}

export interface ErrorResult {
  readonly type: 'error';
  readonly message: string;
}

export type WorkerReply = ReadyResult | ChunkResult | CountsResult | ErrorResult;
