/**
 * The id of a backtest run, used for its default output folder `results/<run-id>/`: a digest of
 * what determines the result (strategy, dataset, options), so a rerun lands in the same place.
 * Layer: sim. Pure (node:crypto only).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../themis/index.ts';

/**
 * `bt-<name>-<12 hex>` from the strategy hash, the dataset hash and the options that change the result.
 * @throws nothing
 * @example backtestRunId('market-win', sHash, dHash, { from: null, to: null, bankrollYen: 1e6, walkForward: null }) // 'bt-market-win-3f2a...'
 */
export function backtestRunId(strategyName: string, strategyHash: string, datasetHash: string, options: Readonly<Record<string, unknown>>): string {
  const digest = createHash('sha256').update(canonicalJson({ strategyHash, datasetHash, options })).digest('hex').slice(0, 12);
  const slug = strategyName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'strategy';
  return `bt-${slug}-${digest}`;
}
