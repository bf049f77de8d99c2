/**
 * The drawdown guard: after a settlement and before a decision, reads peak and bankroll from
 * the ledger rows (src/ledger/drawdown.ts rules) and halts purchases at the halt level, or warns
 * at the warning level, with an audit record and an alert. A halt in a book with a promotion
 * history also rolls the promoted config back to the previous accepted one (promote's rollback),
 * so the next run decides with the last vetted config. Layer: live; effects through the store,
 * the promotion history and alerts. Units: integer yen; drawdown as a ratio.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trackedState, type DrawdownState } from '../ledger/index.ts';
import { PROMOTION_FILES } from './promote/promotion-history.ts';
import { isPromoteError } from './promote/promote-error.ts';
import { rollbackPromotion } from './promote/promote-config.ts';
import type { Alerts } from './alerts.ts';
import type { Clock } from './clock.ts';
import type { LiveConfig } from './live-config.ts';
import { STATE_FILES, type LiveStore } from './store/live-store.ts';

/**
 * Checks the drawdown and halts or warns once per crossing.
 * @returns the state and whether purchases are halted now (by anyone)
 * @example checkDrawdown({ store, clock, alerts, config }) // { state: { drawdown: 0.31, state: 'halt' }, halted: true }
 */
export function checkDrawdown(ctx: { store: LiveStore; clock: Clock; alerts: Alerts; config: LiveConfig }): { state: DrawdownState; halted: boolean } {
  const { store, clock, alerts, config } = ctx;
  const t = store.tracker();
  const state = trackedState(t, config.drawdown);
  const pct = (state.drawdown * 100).toFixed(1);
  let halt = store.haltState();
  if (state.state === 'halt' && !halt.halted) {
    store.recordControl(clock.now(), 'halt', `drawdown ${pct}% reached the halt level ${config.drawdown.halt * 100}% (bankroll ${t.bankrollYen}, peak ${t.peakYen})`, 'drawdown');
    alerts.raise('critical', 'drawdown_halt', `drawdown ${pct}% (bankroll ${t.bankrollYen} yen, peak ${t.peakYen} yen): purchases halted; resume with keiba live resume`);
    rollBackOnHalt(store.dir, clock.now(), `drawdown halt at ${pct}%`, alerts);
    halt = store.haltState();
  } else if (state.state === 'warn' && store.meta('warned_peak') !== String(t.peakYen)) {
    store.write(clock.now(), (w) => {
      w.audit('drawdown_warn', { drawdown: state.drawdown, bankrollYen: t.bankrollYen, peakYen: t.peakYen });
    });
    store.setWarned(t.peakYen);
    alerts.raise('warn', 'drawdown_warn', `drawdown ${pct}% (bankroll ${t.bankrollYen} yen, peak ${t.peakYen} yen) reached the warning level`);
  }
  return { state, halted: halt.halted };
}

/**
 * Rolls the promoted config of a book back after a drawdown halt, when the book has a promotion
 * history (or a promoted record); says what happened in an alert. A book that never promoted
 * anything (paper runs) is left alone.
 */
function rollBackOnHalt(stateDir: string, nowMs: number, reason: string, alerts: Alerts): void {
  const promoted = [PROMOTION_FILES.history, STATE_FILES.promoted].some((f) => existsSync(join(stateDir, f)));
  if (!promoted) return;
  try {
    const record = rollbackPromotion(stateDir, { by: 'drawdown-halt', nowMs, reason });
    alerts.raise('critical', 'drawdown_rollback', `promoted config rolled back to ${record.configHash.slice(0, 12)} after the drawdown halt: the next run uses it`);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (isPromoteError(e) && e.code === 'PROMOTE_NOTHING_TO_ROLL_BACK') alerts.raise('warn', 'drawdown_rollback', `no earlier promoted config to roll back to: ${why}`);
    else alerts.raise('critical', 'drawdown_rollback', `rollback after the drawdown halt failed: ${why}`);
  }
}
