/**
 * The drawdown guard: after a settlement and before a decision, reads peak and bankroll from
 * the ledger rows (src/ledger/drawdown.ts rules) and halts purchases at the halt level, or warns
 * at the warning level, with an audit record and an alert. Layer: live; effects through the store
 * and alerts. Units: integer yen; drawdown as a ratio.
 */
import { trackedState, type DrawdownState } from '../ledger/index.ts';
import type { Alerts } from './alerts.ts';
import type { Clock } from './clock.ts';
import type { LiveConfig } from './live-config.ts';
import type { LiveStore } from './store/live-store.ts';

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
