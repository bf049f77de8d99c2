/**
 * Which Themis configurations the Monte Carlo kernel reproduces exactly, and the refusal of the
 * others. Layer: sim (imports themis types). Pure.
 *
 * The kernel reproduces: the EV threshold, bet types, safety factor and fraction caps (through
 * the precomputed `allocate`), the 100-yen unit floor and the bankroll stop
 * (`max(minBankrollYen, 100)`). It does not reproduce the yen caps per race and per day, pool
 * impact, or a daily point limit that could bind; configurations using them are refused.
 */
import type { ThemisConfig } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import type { RacePool } from '../sources/race-pool.ts';

/**
 * The largest number of win tickets one day of the pool can offer (races without a day index
 * are each their own day).
 * @throws nothing
 * @example maxTicketsPerDay(binaryGamePool(0.35, 3.5, 10)) // 2
 */
export function maxTicketsPerDay(pool: RacePool): number {
  const off = pool.raceOffsets;
  let best = 0;
  let day = -1;
  let count = 0;
  for (let r = 0; r + 1 < off.length; r++) {
    const d = pool.dayIndex ? pool.dayIndex[r] : r;
    if (d !== day) {
      day = d;
      count = 0;
    }
    count += off[r + 1] - off[r];
    if (count > best) best = count;
  }
  return best;
}

/**
 * Refuses a configuration the kernel cannot size exactly as Themis `size` would.
 * @param config - a parsed configuration
 * @param index - its position in the grid (for the message)
 * @param ticketsPerDay - {@link maxTicketsPerDay} of the pool
 * @throws SimError SIM_UNSUPPORTED_CONFIG naming the field and value
 * @example checkKernelSupport(parseConfig({ maxStakePerRaceYen: 5000 }), 0, 18) // throws: maxStakePerRaceYen
 */
export function checkKernelSupport(config: ThemisConfig, index: number, ticketsPerDay: number): void {
  const refuse = (field: string, value: unknown, why: string): never => {
    throw new SimError('SIM_UNSUPPORTED_CONFIG', `configuration ${index}: ${field} = ${JSON.stringify(value)} is not supported by the Monte Carlo kernel (${why}); set it to null`, {
      field,
      value,
    });
  };
  if (config.maxStakePerRaceYen !== null) refuse('maxStakePerRaceYen', config.maxStakePerRaceYen, 'yen caps per race are not reproduced');
  if (config.maxStakePerDayYen !== null) refuse('maxStakePerDayYen', config.maxStakePerDayYen, 'yen caps per day are not reproduced');
  if (config.poolImpact) refuse('poolImpact', true, 'simulated races carry no pool sizes');
  if (config.pointLimitPerDay !== null && config.pointLimitPerDay < ticketsPerDay) {
    refuse('pointLimitPerDay', config.pointLimitPerDay, `a day of this source can offer ${ticketsPerDay} tickets, so the limit could bind`);
  }
}
