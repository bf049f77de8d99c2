/** Small helpers of the live CLI tests: the Themis part and hash of a live config. */
import { parseLiveConfig, type PromotedRecord } from '../../src/live/index.ts';

export { Alerts, SimulatedClock, webhookSink, writePromoted } from '../../src/live/index.ts';

/** Config hash of a raw live config (what promote accepts). */
export function liveConfigHashOf(raw: Record<string, unknown>): string {
  return parseLiveConfig(raw).configHash;
}

/** The parsed Themis config of a raw live config. */
export function liveConfigThemis(raw: Record<string, unknown>): PromotedRecord['config'] {
  return parseLiveConfig(raw).themis;
}
