/**
 * Compression of a joint Kelly problem: drops tickets that can never carry a stake and merges
 * outcomes in which the same tickets pay. Layer: themis (imports only Themis files). Units:
 * probabilities, decimal odds. Pure.
 *
 * Only the hit pattern of an outcome matters to the growth G(f) = sum_w pi_w ln W_w(f), so
 * outcomes with identical sets of paying tickets become one group whose probability is the sum
 * of theirs (typically a few thousand groups instead of 4,896 outcomes for 18 runners).
 * Tickets dropped: odds <= 1 (cash dominates them), probability of paying 0, and a ticket
 * paying in exactly the same outcomes as another with higher odds (first one kept on ties);
 * a dropped ticket's optimal stake is 0 (or an equal split with its twin, of which the solver
 * picks the first).
 */
import type { HitLists } from './outcomes.ts';

/** The compressed problem, tickets renumbered 0..J-1 (`ticket[j]` is the original index). */
export interface CompressedProblem {
  /** Original ticket index of each kept ticket. */
  ticket: Int32Array;
  /** Odds of each kept ticket. */
  odds: Float64Array;
  /** Probability of each outcome group (positive). */
  groupProb: Float64Array;
  /** Group -> kept tickets paying in it (CSR, ascending ticket). */
  groupOffsets: Int32Array;
  groupTickets: Int32Array;
  /** Kept ticket -> groups in which it pays (CSR, ascending group). */
  ticketOffsets: Int32Array;
  ticketGroups: Int32Array;
}

/** FNV-1a style hash of a run of Int32 values. */
function hashRun(values: Int32Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  for (let k = from; k < to; k++) {
    h ^= values[k];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function sameRun(a: Int32Array, aFrom: number, aTo: number, b: Int32Array, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let k = 0; k < aTo - aFrom; k++) if (a[aFrom + k] !== b[bFrom + k]) return false;
  return true;
}

/**
 * Builds the compressed problem. Preconditions (checked by the caller): `outcomeProb` has
 * `hits.outcomeCount` finite non-negative entries, `odds` one finite positive entry per ticket,
 * hit lists sorted and within range.
 */
export function compressProblem(outcomeProb: Float64Array, odds: Float64Array, hits: HitLists): CompressedProblem {
  const nT = odds.length;
  const m = outcomeProb.length;
  const { offsets, outcomes } = hits;

  // Hit lists restricted to outcomes of positive probability.
  const posOff = new Int32Array(nT + 1);
  const posOut = new Int32Array(offsets[nT]);
  let nnz = 0;
  for (let t = 0; t < nT; t++) {
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const w = outcomes[k];
      if (outcomeProb[w] > 0) posOut[nnz++] = w;
    }
    posOff[t + 1] = nnz;
  }

  // Keep useful tickets; among tickets with identical hit lists keep the best odds.
  const keptOf = new Int32Array(nT).fill(-1);
  const seen = new Map<number, number[]>();
  const kept: number[] = [];
  for (let t = 0; t < nT; t++) {
    if (!(odds[t] > 1) || posOff[t + 1] === posOff[t]) continue;
    const h = hashRun(posOut, posOff[t], posOff[t + 1]);
    const bucket = seen.get(h);
    let twin = -1;
    if (bucket) {
      for (const s of bucket) {
        if (sameRun(posOut, posOff[s], posOff[s + 1], posOut, posOff[t], posOff[t + 1])) {
          twin = s;
          break;
        }
      }
    }
    if (twin === -1) {
      keptOf[t] = kept.length;
      kept.push(t);
      if (bucket) bucket.push(t);
      else seen.set(h, [t]);
    } else if (odds[t] > odds[twin]) {
      // The new ticket replaces its twin in the same slot.
      const slot = keptOf[twin];
      keptOf[twin] = -1;
      keptOf[t] = slot;
      kept[slot] = t;
      const b = seen.get(h) as number[];
      b[b.indexOf(twin)] = t;
    }
  }
  const J = kept.length;
  const ticket = Int32Array.from(kept);
  const keptOdds = new Float64Array(J);
  for (let j = 0; j < J; j++) keptOdds[j] = odds[ticket[j]];

  // Outcome -> kept tickets (ascending), by counting.
  const outOff = new Int32Array(m + 1);
  for (let j = 0; j < J; j++) {
    const t = ticket[j];
    for (let k = posOff[t]; k < posOff[t + 1]; k++) outOff[posOut[k] + 1]++;
  }
  for (let w = 0; w < m; w++) outOff[w + 1] += outOff[w];
  const outTk = new Int32Array(outOff[m]);
  const fill = outOff.slice(0, m);
  for (let j = 0; j < J; j++) {
    const t = ticket[j];
    for (let k = posOff[t]; k < posOff[t + 1]; k++) outTk[fill[posOut[k]]++] = j;
  }

  // Group outcomes by their ticket lists.
  const groupOfHash = new Map<number, number[]>();
  const groupRep: number[] = [];
  const probs: number[] = [];
  for (let w = 0; w < m; w++) {
    const pw = outcomeProb[w];
    if (!(pw > 0)) continue;
    const h = hashRun(outTk, outOff[w], outOff[w + 1]);
    const bucket = groupOfHash.get(h);
    let g = -1;
    if (bucket) {
      for (const cand of bucket) {
        const r = groupRep[cand];
        if (sameRun(outTk, outOff[r], outOff[r + 1], outTk, outOff[w], outOff[w + 1])) {
          g = cand;
          break;
        }
      }
    }
    if (g === -1) {
      g = groupRep.length;
      groupRep.push(w);
      probs.push(0);
      if (bucket) bucket.push(g);
      else groupOfHash.set(h, [g]);
    }
    probs[g] += pw;
  }
  const K = groupRep.length;
  const groupProb = Float64Array.from(probs);
  const groupOffsets = new Int32Array(K + 1);
  for (let g = 0; g < K; g++) {
    const r = groupRep[g];
    groupOffsets[g + 1] = groupOffsets[g] + outOff[r + 1] - outOff[r];
  }
  const groupTickets = new Int32Array(groupOffsets[K]);
  const ticketOffsets = new Int32Array(J + 1);
  for (let g = 0; g < K; g++) {
    const r = groupRep[g];
    groupTickets.set(outTk.subarray(outOff[r], outOff[r + 1]), groupOffsets[g]);
    for (let k = outOff[r]; k < outOff[r + 1]; k++) ticketOffsets[outTk[k] + 1]++;
  }
  for (let j = 0; j < J; j++) ticketOffsets[j + 1] += ticketOffsets[j];
  const ticketGroups = new Int32Array(ticketOffsets[J]);
  const tFill = ticketOffsets.slice(0, J);
  for (let g = 0; g < K; g++) {
    for (let k = groupOffsets[g]; k < groupOffsets[g + 1]; k++) ticketGroups[tFill[groupTickets[k]]++] = g;
  }
  return { ticket, odds: keptOdds, groupProb, groupOffsets, groupTickets, ticketOffsets, ticketGroups };
}
