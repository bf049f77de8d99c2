/**
 * A purchaser wrapper that injects faults, for tests and drills: errors before the purchase,
 * timeouts (no answer, nothing bought), acknowledgements lost after the purchase went through,
 * and slow answers (bought at once, answered late). Faults are drawn from a seed and the call's
 * identity (operation, key, n-th call of that key), so a replay injects the same faults.
 * Layer: live (adapter); reads the injected clock. Units: milliseconds.
 */
import { sleep, type Clock } from '../clock.ts';
import { uniformFor } from '../random.ts';
import type { PurchaseAck, PurchaseRequest, Purchaser } from './purchaser.ts';

/** Kinds of injected faults. */
export type FaultKind = 'error' | 'timeout' | 'lost_ack' | 'slow';

/** Options of {@link FaultInjectingPurchaser}. */
export interface FaultOptions {
  readonly seed: string;
  /** Share of purchase calls that fail in some way, in [0, 1]. */
  readonly failureRate: number;
  /** Share of lookup calls that fail (error or no answer); default failureRate / 2. */
  readonly lookupFailureRate?: number;
  /** Relative weights of the purchase faults; default equal. */
  readonly weights?: Partial<Record<FaultKind, number>>;
  /** Delay of a slow answer, ms; default 10,000. */
  readonly slowMs?: number;
}

/** An error of the injected kind 'error' (nothing was bought). */
export class InjectedFaultError extends Error {
  readonly code = 'INJECTED_FAULT';
  constructor(message: string) {
    super(message);
    this.name = 'InjectedFaultError';
  }
}

/** Counts of what was injected. */
export interface FaultCounts {
  purchaseCalls: number;
  lookupCalls: number;
  faults: Record<FaultKind, number>;
  lookupFaults: number;
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/**
 * Wraps `inner` with faults (see the header).
 * @example const p = new FaultInjectingPurchaser(paper, clock, { seed: 's', failureRate: 0.3 });
 */
export class FaultInjectingPurchaser implements Purchaser {
  readonly counts: FaultCounts = { purchaseCalls: 0, lookupCalls: 0, faults: { error: 0, timeout: 0, lost_ack: 0, slow: 0 }, lookupFaults: 0 };
  private readonly calls = new Map<string, number>();
  private readonly kinds: [FaultKind, number][];
  private readonly total: number;

  constructor(
    private readonly inner: Purchaser,
    private readonly clock: Clock,
    private readonly options: FaultOptions,
  ) {
    const w = options.weights ?? {};
    this.kinds = (['error', 'timeout', 'lost_ack', 'slow'] as FaultKind[]).map((k) => [k, w[k] ?? 1]);
    this.total = this.kinds.reduce((s, [, x]) => s + x, 0);
  }

  private nth(op: string, key: string): number {
    const id = `${op}\u0000${key}`;
    const n = (this.calls.get(id) ?? 0) + 1;
    this.calls.set(id, n);
    return n;
  }

  private pick(u: number): FaultKind {
    let x = u * this.total;
    for (const [k, w] of this.kinds) {
      if (x < w) return k;
      x -= w;
    }
    return this.kinds[this.kinds.length - 1][0];
  }

  async purchase(req: PurchaseRequest): Promise<PurchaseAck> {
    this.counts.purchaseCalls++;
    const n = this.nth('purchase', req.key);
    if (uniformFor(this.options.seed, 'purchase', req.key, n) >= this.options.failureRate) return this.inner.purchase(req);
    const kind = this.pick(uniformFor(this.options.seed, 'kind', req.key, n));
    this.counts.faults[kind]++;
    switch (kind) {
      case 'error':
        throw new InjectedFaultError(`injected error on purchase ${n} of ${req.key}`);
      case 'timeout':
        return never();
      case 'lost_ack':
        await this.inner.purchase(req);
        return never();
      case 'slow': {
        const ack = await this.inner.purchase(req);
        await sleep(this.clock, this.options.slowMs ?? 10_000);
        return ack;
      }
    }
  }

  async lookup(key: string): Promise<PurchaseAck | null> {
    this.counts.lookupCalls++;
    const n = this.nth('lookup', key);
    const rate = this.options.lookupFailureRate ?? this.options.failureRate / 2;
    const u = uniformFor(this.options.seed, 'lookup', key, n);
    if (u < rate) {
      this.counts.lookupFaults++;
      if (u < rate / 2) throw new InjectedFaultError(`injected error on lookup ${n} of ${key}`);
      return never();
    }
    return this.inner.lookup(key);
  }

  balanceYen(account: string): Promise<number> {
    return this.inner.balanceYen(account);
  }
}
