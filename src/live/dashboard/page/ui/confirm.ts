/**
 * The confirmation step of every manual action: a modal <dialog> that says in one sentence
 * what will happen, asks for the operator's name and a reason, and only then posts the action
 * (with `confirm: true`). While the request is in flight its buttons are disabled; an API error
 * stays in the dialog, a success closes it. Layer: live/dashboard/page (browser).
 * Effects: DOM, localStorage (the operator's name only; never the token).
 */
import type { ActionResponse } from '../../api-types.ts';
import { ApiFailure } from './api.ts';
import { byId, setText, show } from './dom.ts';

const WHO_KEY = 'keiba-dashboard-operator';

/** What the dialog asks for. */
export interface ConfirmRequest {
  readonly title: string;
  /** What will happen, in one sentence. */
  readonly sentence: string;
  readonly confirmLabel: string;
  /** Red confirm button (halt, skip, rollback) or a plain one (resume, ack). */
  readonly danger: boolean;
  /** Posts the action with the operator's name and reason. */
  readonly run: (who: string, reason: string) => Promise<ActionResponse>;
}

/** Outcome of {@link askAndRun}: the response, or null when cancelled or refused. */
export type ConfirmOutcome = { readonly ok: true; readonly response: ActionResponse } | { readonly ok: false; readonly cancelled: boolean; readonly failure?: ApiFailure };

let busy = false;

/** Opens the dialog for `request`; resolves when it closes. */
export function askAndRun(request: ConfirmRequest): Promise<ConfirmOutcome> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog', HTMLDialogElement);
  const form = byId<HTMLFormElement>('confirm-form', HTMLFormElement);
  const who = byId<HTMLInputElement>('confirm-who', HTMLInputElement);
  const reason = byId<HTMLTextAreaElement>('confirm-reason', HTMLTextAreaElement);
  const ok = byId<HTMLButtonElement>('confirm-ok', HTMLButtonElement);
  const cancel = byId<HTMLButtonElement>('confirm-cancel', HTMLButtonElement);
  const error = byId('confirm-error');

  setText(byId('confirm-title'), request.title);
  setText(byId('confirm-sentence'), request.sentence);
  ok.textContent = request.confirmLabel;
  ok.className = request.danger ? 'btn btn-danger' : 'btn btn-go';
  who.value = localStorage.getItem(WHO_KEY) ?? '';
  reason.value = '';
  show(error, false);
  ok.disabled = false;
  cancel.disabled = false;
  busy = false;

  return new Promise<ConfirmOutcome>((resolve) => {
    let last: ApiFailure | undefined;
    const finish = (outcome: ConfirmOutcome): void => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onEscape);
      if (dialog.open) dialog.close();
      resolve(outcome);
    };
    const onCancel = (): void => {
      if (!busy) finish({ ok: false, cancelled: true, ...(last === undefined ? {} : { failure: last }) });
    };
    const onEscape = (e: Event): void => {
      e.preventDefault();
      onCancel();
    };
    const onSubmit = (e: Event): void => {
      e.preventDefault();
      if (busy) return;
      if (!form.reportValidity()) return;
      const name = who.value.trim();
      const why = reason.value.trim();
      if (why === '') {
        setText(error, 'A reason is required.');
        show(error, true);
        return;
      }
      localStorage.setItem(WHO_KEY, name);
      busy = true;
      ok.disabled = true;
      cancel.disabled = true;
      show(error, false);
      request
        .run(name, why)
        .then((response) => {
          busy = false;
          finish({ ok: true, response });
        })
        .catch((err: unknown) => {
          busy = false;
          ok.disabled = false;
          cancel.disabled = false;
          last = err instanceof ApiFailure ? err : new ApiFailure(0, 'CLIENT', (err as Error).message);
          if (last.status === 401) {
            finish({ ok: false, cancelled: false, failure: last });
            return;
          }
          setText(error, `${last.code}: ${last.message}`);
          show(error, true);
        });
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onEscape);
    dialog.showModal();
    (who.value === '' ? who : reason).focus();
  });
}
