/**
 * Reads the config a promotion is about from a JSON file: a bare Themis config, a live config
 * (`themis` plus runner settings) or a strategy file (`source` plus `themis`, whose bet types
 * the strategy sets). Layer: live (promote); reads one file.
 */
import { readFileSync } from 'node:fs';
import { parseStrategy } from '../../strategies/index.ts';
import { configHash, parseConfig, type ThemisConfig } from '../../themis/index.ts';
import { parseLiveConfig } from '../live-config.ts';
import { PromoteError } from './promote-error.ts';

/** A candidate config and its hash. */
export interface CandidateConfig {
  readonly config: ThemisConfig;
  readonly configHash: string;
  /** How the file was read. */
  readonly from: 'themis config' | 'live config' | 'strategy';
}

/**
 * Parses a candidate config from parsed JSON (see the header).
 * @throws ThemisError THEMIS_BAD_CONFIG, LiveError LIVE_BAD_CONFIG or StrategyError for a bad file
 * @example candidateConfig({ safetyFactor: 0.25 }).from // 'themis config'
 */
export function candidateConfig(raw: unknown): CandidateConfig {
  const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  let config: ThemisConfig;
  let from: CandidateConfig['from'];
  if (obj !== undefined && 'themis' in obj && 'source' in obj) {
    config = parseStrategy(obj).themis;
    from = 'strategy';
  } else if (obj !== undefined && 'themis' in obj) {
    config = parseLiveConfig(obj).themis;
    from = 'live config';
  } else {
    config = parseConfig(raw);
    from = 'themis config';
  }
  return { config, configHash: configHash(config), from };
}

/**
 * Reads a candidate config file.
 * @throws PromoteError PROMOTE_BAD_CONFIG for a file that is not JSON; the parsers' errors for a bad config
 * @example readCandidateConfig('examples/strategies/model-win.json').configHash.length // 64
 */
export function readCandidateConfig(path: string): CandidateConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PromoteError('PROMOTE_BAD_CONFIG', `${path}: cannot read it as JSON (${(e as Error).message})`, { field: 'config', value: path });
  }
  return candidateConfig(raw);
}
