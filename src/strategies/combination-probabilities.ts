/**
 * The probability of every ticket of the eight JRA bet types implied by a finishing-order
 * distribution (first three places): each outcome adds its probability to the one ticket of each
 * single-key type it wins, to the three place tickets of its top three and to its three wide
 * pairs. Layer: strategies (pure). Units: probabilities.
 */
import { ticketId, type FinishOrderDistribution } from '../themis/index.ts';

/**
 * Ticket id -> probability of winning, for every combination the distribution can produce.
 * @param dist - finishing-order distribution over the first three places
 * @param bracketOf - bracket (waku) number of a saddle number
 * @throws nothing
 * @example combinationProbabilities(harvilleDistribution(new Map([[1, 0.5], [2, 0.3], [3, 0.2]])), (r) => r).get('win:1') // 0.5
 */
export function combinationProbabilities(dist: FinishOrderDistribution, bracketOf: (runner: number) => number): Map<string, number> {
  const probs = new Map<string, number>();
  const add = (id: string, q: number): void => {
    probs.set(id, (probs.get(id) ?? 0) + q);
  };
  for (let k = 0; k < dist.prob.length; k++) {
    const a = dist.first[k];
    const b = dist.second[k];
    const c = dist.third[k];
    const q = dist.prob[k];
    add(ticketId('win', [a]), q);
    for (const r of [a, b, c]) add(ticketId('place', [r]), q);
    add(ticketId('bracket_quinella', [bracketOf(a), bracketOf(b)]), q);
    add(ticketId('quinella', [a, b]), q);
    for (const [x, y] of [[a, b], [a, c], [b, c]]) add(ticketId('wide', [x, y]), q);
    add(ticketId('exacta', [a, b]), q);
    add(ticketId('trio', [a, b, c]), q);
    add(ticketId('trifecta', [a, b, c]), q);
  }
  return probs;
}
