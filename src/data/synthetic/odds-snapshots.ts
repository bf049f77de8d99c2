/**
 * Win odds of a synthetic race before the post: the win pool seen at 60, 30, 10 and 5 minutes
 * before the post time holds a growing part of the final pool, bet on public probabilities
 * that are noisier the earlier they are, so the odds drift toward the final odds. Withdrawn
 * runners are left out of every snapshot (treated as withdrawn before the first one).
 * Layer: data; pure (randomness arrives as an Rng). Units: decimal odds (0.1 steps, JRA
 * display), local times `YYYY-MM-DDTHH:MM:SS`.
 */
import { JRA_PAYOUT_RATES, singleWinnerPayoutPer100 } from '../parimutuel.ts';
import type { OddsSnapshotRow } from '../rows.ts';
import { winStakes } from './pools.ts';
import { driftedProbs } from './public-betting.ts';
import type { Rng } from './rng.ts';

/** When snapshots are taken (minutes before the post), the share of the final pool then, and the noise. */
export const SNAPSHOT_SCHEDULE: readonly { minutesBefore: number; poolShare: number; noiseSd: number }[] = [
  { minutesBefore: 60, poolShare: 0.3, noiseSd: 0.25 },
  { minutesBefore: 30, poolShare: 0.5, noiseSd: 0.15 },
  { minutesBefore: 10, poolShare: 0.75, noiseSd: 0.07 },
  { minutesBefore: 5, poolShare: 0.88, noiseSd: 0.035 },
];

/**
 * Local time `minutes` before a post time `YYYY-MM-DDTHH:MM`, as `YYYY-MM-DDTHH:MM:SS`
 * (same day: posts are after 09:00).
 * @example minutesBefore('2024-01-06T10:00', 60) // '2024-01-06T09:00:00'
 */
export function minutesBefore(postTime: string, minutes: number): string {
  const total = Number(postTime.slice(11, 13)) * 60 + Number(postTime.slice(14, 16)) - minutes;
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `${postTime.slice(0, 10)}T${hh}:${mm}:00`;
}

/**
 * Win-odds snapshots of every starter at each time of {@link SNAPSHOT_SCHEDULE}.
 * @param finalWinTotalYen - the final win pool
 * @param q - the public's final win probabilities (index runner - 1)
 * @example winOddsSnapshots('R1', '2024-01-06T10:00', 50_000_000, q, starters, rng).length // 4 * starters.length
 */
export function winOddsSnapshots(
  raceId: string,
  postTime: string,
  finalWinTotalYen: number,
  q: Float64Array,
  starters: readonly number[],
  rng: Rng,
): OddsSnapshotRow[] {
  const rows: OddsSnapshotRow[] = [];
  for (const s of SNAPSHOT_SCHEDULE) {
    const qt = driftedProbs(q, starters, rng, s.noiseSd);
    const w = winStakes(finalWinTotalYen * s.poolShare, qt, starters);
    let total = 0;
    for (const i of starters) total += w[i];
    const at = minutesBefore(postTime, s.minutesBefore);
    for (const i of starters) {
      const per100 = singleWinnerPayoutPer100(JRA_PAYOUT_RATES.win, total, w[i]) as number;
      rows.push({ raceId, betType: 'win', combination: String(i + 1), at, odds: per100 / 100 });
    }
  }
  return rows;
}
