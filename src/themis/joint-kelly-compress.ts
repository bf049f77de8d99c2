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
import { Scratch } from './scratch.ts';

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

/** Smallest power of two >= 2n (and >= 16): the size of an open-addressing table for n keys. */
function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

/** Intermediate arrays reused from call to call (compressProblem is synchronous). */
const ws = new Scratch();

/**
 * Builds the compressed problem, its arrays views of this module's work arrays: valid until the
 * next call (the one caller solves it before compressing another). Preconditions (checked by the
 * caller): `outcomeProb` has `hits.outcomeCount` finite non-negative entries, `odds` one finite
 * positive entry per ticket, hit lists sorted and within range. Cost O(m + hits) with
 * open-addressing hash tables.
 */
export function compressProblem(outcomeProb: Float64Array, odds: Float64Array, hits: HitLists): CompressedProblem {
  const nT = odds.length;
  const m = outcomeProb.length;
  const { offsets, outcomes } = hits;

  // Hit lists restricted to outcomes of positive probability: the lists themselves when every
  // outcome has one (Harville's distributions), else a filtered copy.
  let allPositive = true;
  for (let w = 0; w < m && allPositive; w++) allPositive = outcomeProb[w] > 0;
  let posOff = offsets;
  let posOut = outcomes;
  if (!allPositive) {
    posOff = ws.i32(0, nT + 1);
    posOut = ws.i32(1, offsets[nT]);
    let nnz = 0;
    posOff[0] = 0;
    for (let t = 0; t < nT; t++) {
      for (let k = offsets[t]; k < offsets[t + 1]; k++) {
        const w = outcomes[k];
        if (outcomeProb[w] > 0) posOut[nnz++] = w;
      }
      posOff[t + 1] = nnz;
    }
  }

  // Keep useful tickets; among tickets with identical hit lists keep the best odds (the first
  // one on ties), in the slot of the first of them. Table entries: slot + 1 (0 = empty).
  const kept = ws.i32(2, nT);
  let J = 0;
  {
    const size = tableSize(nT);
    const mask = size - 1;
    const table = ws.i32(3, size).fill(0);
    for (let t = 0; t < nT; t++) {
      const from = posOff[t];
      const to = posOff[t + 1];
      if (!(odds[t] > 1) || to === from) continue;
      let i = hashRun(posOut, from, to) & mask;
      for (;;) {
        const e = table[i];
        if (e === 0) {
          table[i] = J + 1;
          kept[J++] = t;
          break;
        }
        const s = kept[e - 1];
        if (sameRun(posOut, posOff[s], posOff[s + 1], posOut, from, to)) {
          if (odds[t] > odds[s]) kept[e - 1] = t;
          break;
        }
        i = (i + 1) & mask;
      }
    }
  }
  const ticket = kept.subarray(0, J);
  const keptOdds = ws.f64(1, J);
  for (let j = 0; j < J; j++) keptOdds[j] = odds[ticket[j]];

  // Outcome -> kept tickets (ascending), by counting.
  const outOff = ws.i32(4, m + 1).fill(0);
  for (let j = 0; j < J; j++) {
    const t = ticket[j];
    for (let k = posOff[t]; k < posOff[t + 1]; k++) outOff[posOut[k] + 1]++;
  }
  for (let w = 0; w < m; w++) outOff[w + 1] += outOff[w];
  const outTk = ws.i32(5, outOff[m]);
  const fill = ws.i32(6, m);
  fill.set(outOff.subarray(0, m));
  for (let j = 0; j < J; j++) {
    const t = ticket[j];
    for (let k = posOff[t]; k < posOff[t + 1]; k++) outTk[fill[posOut[k]]++] = j;
  }

  // Group outcomes by their ticket lists (groups numbered in order of their first outcome).
  const groupRep = ws.i32(7, m);
  const probs = ws.f64(0, m);
  let K = 0;
  {
    const size = tableSize(m);
    const mask = size - 1;
    const table = ws.i32(8, size).fill(0);
    // The outcomes in which no ticket pays (usually most of them) form one group, found without hashing.
    let none = -1;
    for (let w = 0; w < m; w++) {
      const pw = outcomeProb[w];
      if (!(pw > 0)) continue;
      const from = outOff[w];
      const to = outOff[w + 1];
      if (from === to) {
        if (none < 0) {
          none = K;
          groupRep[K] = w;
          probs[K++] = pw;
        } else probs[none] += pw;
        continue;
      }
      let i = hashRun(outTk, from, to) & mask;
      for (;;) {
        const e = table[i];
        if (e === 0) {
          table[i] = K + 1;
          groupRep[K] = w;
          probs[K++] = pw;
          break;
        }
        const r = groupRep[e - 1];
        if (sameRun(outTk, outOff[r], outOff[r + 1], outTk, from, to)) {
          probs[e - 1] += pw;
          break;
        }
        i = (i + 1) & mask;
      }
    }
  }
  const groupProb = probs.subarray(0, K);
  const groupOffsets = ws.i32(9, K + 1).fill(0);
  for (let g = 0; g < K; g++) {
    const r = groupRep[g];
    groupOffsets[g + 1] = groupOffsets[g] + outOff[r + 1] - outOff[r];
  }
  const groupTickets = ws.i32(10, groupOffsets[K]);
  const ticketOffsets = ws.i32(11, J + 1).fill(0);
  for (let g = 0; g < K; g++) {
    const r = groupRep[g];
    let at = groupOffsets[g];
    for (let k = outOff[r]; k < outOff[r + 1]; k++) {
      const j = outTk[k];
      groupTickets[at++] = j;
      ticketOffsets[j + 1]++;
    }
  }
  for (let j = 0; j < J; j++) ticketOffsets[j + 1] += ticketOffsets[j];
  const ticketGroups = ws.i32(12, ticketOffsets[J]);
  const tFill = ws.i32(13, J);
  tFill.set(ticketOffsets.subarray(0, J));
  for (let g = 0; g < K; g++) {
    for (let k = groupOffsets[g]; k < groupOffsets[g + 1]; k++) ticketGroups[tFill[groupTickets[k]]++] = g;
  }
  return { ticket, odds: keptOdds, groupProb, groupOffsets, groupTickets, ticketOffsets, ticketGroups };
}
