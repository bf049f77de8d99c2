/**
 * Public names of the strategies layer: everything other layers may import from it.
 * Layer: strategies. One export a line, grouped by file.
 */

// Finish-order distributions
export { harvilleDistribution } from './finish-order.ts';
export { discountedHarvilleDistribution } from './finish-order.ts';
export { WIN_PROBS_SUM_TOLERANCE } from './finish-order.ts';

// Errors
export { StrategyError } from './errors.ts';
export type { StrategyErrorCode } from './errors.ts';
