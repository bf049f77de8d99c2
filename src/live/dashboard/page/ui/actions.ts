/**
 * The manual actions of the dashboard page: enabling their buttons, and wiring halt, resume,
 * skip, rollback and alert acknowledgement to the confirmation dialog (ui/confirm.ts), with the
 * result line under the buttons. Layer: live/dashboard/page (browser; types from
 * ../../api-types.ts). Effects: DOM, network through the page's Api (POST only after the
 * operator confirms).
 */
import type { ActionResponse, AlertView, RacesResponse, StatusResponse } from '../../api-types.ts';
import { ApiFailure, type Api } from './api.ts';
import { askAndRun, type ConfirmRequest } from './confirm.ts';
import { byId } from './dom.ts';
import { formatPostTime, formatUtc, formatUtcTime, shortHash } from './format.ts';

/** What the actions read and write of the page: its state, and a refresh of every view. */
export interface ActionHost {
  readonly state: {
    api: Api | null;
    status: StatusResponse | null;
    races: RacesResponse | null;
    actionInFlight: boolean;
  };
  /** Loads every view again (after an action, successful or not). */
  readonly refreshAll: () => void;
}

/** The page's action functions, bound to a host. */
export interface Actions {
  /** Enables the action buttons that apply to the current state. */
  readonly updateButtons: () => void;
  /** Acknowledges an alert (the alerts table's button), after confirmation. */
  readonly ackAlert: (alert: AlertView, button: HTMLButtonElement) => void;
  /** Wires the halt, resume, skip and rollback buttons. */
  readonly wireActions: () => void;
}

/** The action functions of the page, reading and writing `host.state`. */
export function createActions(host: ActionHost): Actions {
  const state = host.state;

  function updateButtons(): void {
    const s = state.status;
    const ready = state.api !== null && s !== null && !state.actionInFlight;
    const halted = s !== null && s.halt.halted;
    byId<HTMLButtonElement>('btn-halt', HTMLButtonElement).disabled = !ready || halted;
    byId<HTMLButtonElement>('btn-resume', HTMLButtonElement).disabled = !ready || !halted;
    byId<HTMLButtonElement>('btn-skip', HTMLButtonElement).disabled = !ready;
    byId<HTMLSelectElement>('skip-race', HTMLSelectElement).disabled = !ready;
    byId<HTMLButtonElement>('btn-rollback', HTMLButtonElement).disabled = !ready || !(s?.promoted.canRollBack ?? false);
    for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-alert-id]')) b.disabled = state.api === null || state.actionInFlight;
  }

  function showResult(kind: 'ok' | 'error' | 'none', text: string): void {
    const box = byId('action-result');
    box.dataset.state = kind;
    box.textContent = text;
  }

  async function runAction(request: ConfirmRequest): Promise<void> {
    if (state.api === null || state.actionInFlight) return;
    state.actionInFlight = true;
    updateButtons();
    try {
      const out = await askAndRun(request);
      if (out.ok) showResult('ok', `${out.response.message} · ${out.response.actor} at ${formatUtcTime(out.response.at)} UTC`);
      else if (out.failure !== undefined && out.failure.status !== 401) showResult('error', `${out.failure.code}: ${out.failure.message}`);
    } finally {
      state.actionInFlight = false;
      updateButtons();
      host.refreshAll();
    }
  }

  function post<T extends object>(path: string, body: T): Promise<ActionResponse> {
    const api = state.api;
    if (api === null) return Promise.reject(new ApiFailure(401, 'UNAUTHORIZED', 'no access token'));
    return api.post<ActionResponse>(path, body);
  }

  function ackAlert(alert: AlertView, _button: HTMLButtonElement): void {
    void runAction({
      title: `Acknowledge alert #${alert.id}`,
      sentence: `Alert #${alert.id} (${alert.level}, ${alert.code}) will be marked acknowledged in the book and the audit log. Nothing else changes.`,
      confirmLabel: 'Acknowledge',
      danger: false,
      run: (who, reason) => post('/api/ack', { confirm: true, who, reason, alertId: alert.id }),
    });
  }

  function wireActions(): void {
    byId('btn-halt').addEventListener('click', () => {
      void runAction({
        title: 'Halt purchases',
        sentence: 'The runner will buy nothing more: every race it reaches from now on is skipped until someone resumes. Orders already sent to the venue are not cancelled.',
        confirmLabel: 'Halt purchases',
        danger: true,
        run: (who, reason) => post('/api/halt', { confirm: true, who, reason }),
      });
    });
    byId('btn-resume').addEventListener('click', () => {
      const h = state.status?.halt;
      const by = h?.source === null || h === undefined ? '' : ` (halted by ${h.source}: ${h.reason ?? 'no reason'})`;
      void runAction({
        title: 'Resume purchases',
        sentence: `The runner will decide and buy again from the next race${by}. The drawdown and bankroll limits still apply.`,
        confirmLabel: 'Resume purchases',
        danger: false,
        run: (who, reason) => post('/api/resume', { confirm: true, who, reason }),
      });
    });
    byId('btn-skip').addEventListener('click', () => {
      const raceId = byId<HTMLSelectElement>('skip-race', HTMLSelectElement).value;
      const race = state.races?.races.find((r) => r.raceId === raceId);
      const sentence =
        raceId === ''
          ? 'The next race the runner decides will be skipped: no ticket is bought for it.'
          : `Race ${raceId}${race === undefined ? '' : ` (post ${formatPostTime(race.postTime)})`} will be skipped: no ticket is bought for it.`;
      void runAction({
        title: raceId === '' ? 'Skip the next race' : `Skip race ${raceId}`,
        sentence,
        confirmLabel: 'Skip race',
        danger: true,
        run: (who, reason) => post('/api/skip', { confirm: true, who, reason, raceId: raceId === '' ? null : raceId }),
      });
    });
    byId('btn-rollback').addEventListener('click', () => {
      const p = state.status?.promoted;
      let sentence = 'The live config goes back to the previous accepted config.';
      if (p?.canary != null) sentence = `The running canary ${shortHash(p.canary.configHash)} is aborted; config ${shortHash(p.configHash)} keeps deciding every race.`;
      else if (p !== undefined && p.previous[0] !== undefined) sentence = `The live config ${shortHash(p.configHash)} is replaced by the previous accepted config ${shortHash(p.previous[0].configHash)} (live since ${formatUtc(p.previous[0].since)}).`;
      void runAction({
        title: 'Roll back the promoted config',
        sentence: `${sentence} The change is recorded in the promotion history and the audit log.`,
        confirmLabel: 'Roll back',
        danger: true,
        run: (who, reason) => post('/api/rollback', { confirm: true, who, reason }),
      });
    });
  }

  return { updateButtons, ackAlert, wireActions };
}
