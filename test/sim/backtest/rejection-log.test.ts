/**
 * The replay's rejection log (rejection-log.ts): its columns are the rejections in the order
 * added, for any mix of columnar races (whose key arrays it keeps once per distinct content,
 * among the recent ones of each length) and single rejections; a caller may overwrite its key
 * array after adding a race without changing what the log reads back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RejectionLog } from '../../../src/sim/backtest/rejection-log.ts';
import { REJECT_REASONS, ticketKey, ticketKeyId } from '../../../src/themis/index.ts';

/** Trifecta keys of a field of n runners, rotated by `shift` (same length, other content for shift > 0). */
function fieldKeys(n: number, shift: number): Int32Array {
  const keys: number[] = [];
  for (let a = 1; a <= n; a++) for (let b = 1; b <= n; b++) for (let c = 1; c <= n; c++) if (a !== b && b !== c && a !== c) keys.push(ticketKey(7, a, b, c));
  const k = shift % keys.length;
  return Int32Array.from([...keys.slice(k), ...keys.slice(0, k)]);
}

type Added =
  | { kind: 'codes'; race: number; n: number; shift: number; reasons: number[]; extra: number }
  | { kind: 'win'; race: number; runner: number; reason: number }
  | { kind: 'id'; race: number; id: string; reason: string };

const raceIds = Array.from({ length: 20 }, (_, i) => `R${i}`);

describe('RejectionLog', () => {
  it('reads back every rejection in the order added, whatever the key arrays shared or overwritten', () => {
    const codes = fc.record({
      kind: fc.constant('codes' as const),
      race: fc.nat(19),
      n: fc.constantFrom(3, 4),
      // More distinct arrays of one length than the log matches (8): old ones must still read back.
      shift: fc.nat(11),
      reasons: fc.array(fc.nat(REJECT_REASONS.length), { minLength: 24, maxLength: 24 }),
      // Keys past the race's count (a reused, larger array).
      extra: fc.nat(3),
    });
    const win = fc.record({ kind: fc.constant('win' as const), race: fc.nat(19), runner: fc.integer({ min: 1, max: 18 }), reason: fc.nat(REJECT_REASONS.length - 1) });
    const byId = fc.record({ kind: fc.constant('id' as const), race: fc.nat(19), id: fc.constantFrom('win:X', 'place:?'), reason: fc.constantFrom('below_threshold', 'no_such_reason') });
    fc.assert(
      fc.property(fc.array(fc.oneof(codes, win, byId), { maxLength: 40 }), (adds: Added[]) => {
        const log = new RejectionLog(4);
        const want = { raceId: [] as string[], ticketId: [] as string[], reason: [] as string[] };
        for (const x of adds) {
          if (x.kind === 'codes') {
            const keys = fieldKeys(x.n, x.shift);
            const count = keys.length;
            const given = new Int32Array(count + x.extra).fill(-7);
            given.set(keys);
            const reasons = Uint8Array.from(x.reasons.slice(0, count));
            log.addCodes(x.race, given, reasons, count);
            given.fill(ticketKey(0, 1, 0, 0)); // the caller reuses its array
            for (let i = 0; i < count; i++) {
              if (reasons[i] === 0) continue;
              want.raceId.push(raceIds[x.race]);
              want.ticketId.push(ticketKeyId(keys[i]));
              want.reason.push(REJECT_REASONS[reasons[i] - 1]);
            }
          } else if (x.kind === 'win') {
            log.addWin(x.race, x.runner, `win:${x.runner}`, REJECT_REASONS[x.reason]);
            want.raceId.push(raceIds[x.race]);
            want.ticketId.push(`win:${x.runner}`);
            want.reason.push(REJECT_REASONS[x.reason]);
          } else {
            log.addId(x.race, x.id, x.reason);
            want.raceId.push(raceIds[x.race]);
            want.ticketId.push(x.id);
            want.reason.push(x.reason);
          }
        }
        const got = log.columns(raceIds);
        expect({ raceId: got.raceId, ticketId: got.ticketId, reason: got.reason }).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a race added with the same keys as an earlier race with its own reasons', () => {
    const log = new RejectionLog(0);
    const keys = fieldKeys(3, 0);
    const first = new Uint8Array(keys.length).fill(3);
    const second = new Uint8Array(keys.length);
    second[5] = 1;
    log.addCodes(0, keys, first, keys.length);
    log.addCodes(1, keys.slice(), second, keys.length);
    const got = log.columns(raceIds);
    expect(got.raceId).toEqual([...Array<string>(keys.length).fill('R0'), 'R1']);
    expect(got.ticketId.at(-1)).toBe(ticketKeyId(keys[5]));
    expect(got.reason.at(-1)).toBe(REJECT_REASONS[0]);
  });
});
