/**
 * Renders the API's views into the page: the book state and figures in the header, accounts,
 * promoted config, races, orders and alerts. Each function takes one response and replaces
 * what it shows; text goes in with textContent only. Layer: live/dashboard/page (browser).
 * Effects: DOM only.
 */
import type { AccountToday, AlertView, AlertsResponse, OrderView, OrdersResponse, RaceStage, RacesResponse, StatusResponse } from '../../api-types.ts';
import { byId, el, fillRows, setText, show } from './dom.ts';
import { formatCount, formatPostTime, formatRatio, formatUtc, formatUtcTime, formatYen, formatYenOrDash, ordinal, shortHash, shortKey } from './format.ts';

/** Book state word of the header: halted wins over the drawdown levels. */
export function bookState(s: StatusResponse): 'ok' | 'warn' | 'halted' {
  if (s.halt.halted || s.drawdownState === 'halt') return 'halted';
  return s.drawdownState === 'warn' ? 'warn' : 'ok';
}

/** The header: state, bankroll, peak, drawdown bar against the levels. */
export function renderStatusHeader(s: StatusResponse): void {
  const state = bookState(s);
  const box = byId('book-state');
  box.dataset.state = state;
  setText(byId('book-state-word'), state === 'halted' ? 'HALTED' : state === 'warn' ? 'WARN' : 'OK');
  let reason = '';
  let detail = '';
  if (s.halt.halted) {
    reason = s.halt.reason ?? 'no reason given';
    detail = [s.halt.source === null ? '' : `by ${s.halt.source}`, s.halt.since === null ? '' : `since ${formatUtc(s.halt.since)}`].filter((x) => x !== '').join(' · ');
  } else if (s.drawdownState === 'halt') {
    reason = `drawdown ${formatRatio(s.drawdown)} is past the halt level ${formatRatio(s.levels.halt, 0)}`;
  } else if (s.drawdownState === 'warn') {
    reason = `drawdown ${formatRatio(s.drawdown)} is past the warn level ${formatRatio(s.levels.warn, 0)}`;
  }
  setText(byId('book-state-reason'), reason, [reason, detail].filter((x) => x !== '').join('\n'));
  setText(byId('book-state-detail'), detail);
  // The halt in full, under the header: the runner skips every race until someone resumes.
  const banner = byId('halt-banner');
  if (s.halt.halted) {
    const by = s.halt.source === null ? '' : ` by ${s.halt.source}`;
    const since = s.halt.since === null ? '' : ` since ${formatUtc(s.halt.since)}`;
    banner.textContent = `Purchases halted${by}${since}: ${s.halt.reason ?? 'no reason given'}. The runner skips every race until someone resumes.`;
  }
  show(banner, s.halt.halted);

  setText(byId('bankroll'), formatYen(s.bankrollYen));
  setText(byId('peak'), formatYen(s.peakYen));
  setText(byId('drawdown'), formatRatio(s.drawdown));
  // The bar spans 0 .. 1.25 x the halt level (or the drawdown, when larger).
  const span = Math.max(s.levels.halt * 1.25, s.drawdown, 0.01);
  const pct = (r: number): string => `${Math.min(100, (r / span) * 100).toFixed(2)}%`;
  const fill = byId('dd-fill');
  fill.style.width = pct(s.drawdown);
  fill.dataset.state = s.drawdownState;
  byId('dd-warn').style.left = pct(s.levels.warn);
  byId('dd-halt').style.left = pct(s.levels.halt);
  byId('dd-bar').dataset.ready = 'true';
  byId('dd-bar').title = `drawdown ${formatRatio(s.drawdown)}; warn at ${formatRatio(s.levels.warn, 0)}, halt at ${formatRatio(s.levels.halt, 0)}`;
  setText(byId('dd-levels'), `warn ${formatRatio(s.levels.warn, 0)} · halt ${formatRatio(s.levels.halt, 0)}`);
}

function limitCell(a: AccountToday): HTMLTableCellElement {
  const text = a.pointLimit === null ? `${formatCount(a.points)} / –` : `${formatCount(a.points)} / ${formatCount(a.pointLimit)}`;
  const td = el('td', { class: 'limit' });
  if (a.pointLimit !== null && a.pointLimit > 0) {
    const share = a.points / a.pointLimit;
    const bar = el('span', { class: 'minibar' }, el('span', { class: share >= 1 ? 'fill full' : share >= 0.8 ? 'fill high' : 'fill' }));
    (bar.firstChild as HTMLElement).style.width = `${Math.min(100, share * 100).toFixed(1)}%`;
    td.append(bar);
  }
  td.append(el('span', { class: 'num', text }));
  return td;
}

/** Accounts table: stake and points of the day against limits, balances; totals below. */
export function renderAccounts(s: StatusResponse): void {
  setText(byId('accounts-date'), s.date ?? 'no day yet');
  const rows = s.today.accounts.map((a) =>
    el('tr', {}, el('td', { text: a.account }), el('td', { class: 'num', text: formatYen(a.stakeYen) }), limitCell(a), el('td', { class: 'num', text: formatYenOrDash(a.balanceYen) })),
  );
  fillRows(byId<HTMLTableSectionElement>('accounts-body'), rows, 4, 'No account has orders today.');
  const total = el(
    'tr',
    {},
    el('th', { text: 'All' }),
    el('td', { class: 'num', text: formatYen(s.today.stakeYen) }),
    el('td', { class: 'num', text: `${formatCount(s.today.points)} pts` }),
    el('td', {}),
  );
  const counts = el('tr', { class: 'counts' });
  const parts = [
    s.today.maxStakeYen === null ? '' : `day's max stake ${formatYen(s.today.maxStakeYen)}`,
    `${formatCount(s.ordersInFlight)} in flight`,
    `${formatCount(s.unsettledTickets)} unsettled`,
    `${formatCount(s.unacknowledgedAlerts)} alerts unacknowledged`,
  ];
  const td = el('td', { text: parts.filter((x) => x !== '').join(' · ') });
  td.colSpan = 4;
  counts.append(td);
  byId('accounts-foot').replaceChildren(total, counts);
}

function kv(dl: HTMLElement, key: string, value: string | Node, title?: string): void {
  const dd = el('dd', title === undefined ? {} : { title });
  dd.append(typeof value === 'string' ? document.createTextNode(value) : value);
  dl.append(el('dt', { text: key }), dd);
}

/** Promoted config: hash, since, canary state, history. */
export function renderPromoted(s: StatusResponse): void {
  const p = s.promoted;
  const dl = byId('config-kv');
  dl.replaceChildren();
  // (Servers from before `error` existed never send it.)
  const error = (p as { readonly error?: string }).error;
  if (error !== undefined) kv(dl, 'Error', el('span', { class: 'error-text', text: error }));
  kv(dl, 'Live config', p.configHash === null ? el('span', { class: 'muted', text: 'nothing promoted' }) : el('code', { text: shortHash(p.configHash), title: p.configHash }));
  kv(dl, 'Since', formatUtc(p.since));
  if (p.canary === null) {
    kv(dl, 'Canary', el('span', { class: 'muted', text: 'none running' }));
  } else {
    const c = p.canary;
    const box = el('span', {}, el('span', { class: 'pill pill-canary', text: 'canary running' }), ' ', el('code', { text: shortHash(c.configHash), title: c.configHash }));
    kv(dl, 'Canary', box);
    kv(dl, 'Canary rule', `decides every ${ordinal(c.everyKthRace)} race · ${formatCount(c.races)} races to take over · max drawdown ${formatRatio(c.maxDrawdown, 0)}`);
    kv(dl, 'Canary since', formatUtc(c.since));
  }
  const prev = p.previous[0];
  kv(dl, 'Roll back to', prev === undefined ? (p.canary !== null ? 'abort the canary' : el('span', { class: 'muted', text: 'nothing to roll back to' })) : el('code', { text: shortHash(prev.configHash), title: `${prev.configHash} (since ${formatUtc(prev.since)})` }));
  if (p.last !== null) kv(dl, 'Last change', `#${p.last.seq} ${p.last.kind} by ${p.last.by}, ${formatUtc(p.last.at)}`);
}

const STAGE_LABEL: Record<RaceStage, string> = {
  waiting: 'waiting',
  deciding: 'deciding',
  purchased: 'purchased',
  settled: 'settled',
  skipped: 'skipped',
  no_bet: 'no bet',
};

/** Races table (the next waiting race marked), and the skip select's options. */
export function renderRaces(r: RacesResponse): void {
  setText(byId('races-date'), r.date === null ? 'no day yet' : `${r.date} · ${r.races.length} races · ${r.next.length} to come`);
  const next = r.next[0];
  const rows = r.races.map((x) => {
    const note: string[] = [];
    if (x.reason !== null) note.push(x.reason);
    if (x.skipRequested) note.push('skip requested');
    const tr = el(
      'tr',
      { class: x.raceId === next ? 'next-race' : '' },
      el('td', { class: 'mono', text: formatPostTime(x.postTime), title: x.postTime }),
      el('td', { class: 'mono', text: x.raceId }),
      el('td', {}, el('span', { class: `pill stage-${x.stage}`, text: x.raceId === next ? 'next · waiting' : STAGE_LABEL[x.stage] ?? x.stage })),
      el('td', { class: 'num', text: x.tickets === 0 ? '' : formatCount(x.tickets) }),
      el('td', { class: 'num', text: x.stakeYen === 0 ? '' : formatYen(x.stakeYen) }),
      el('td', { class: 'num', text: x.returnedYen === 0 ? '' : formatYen(x.returnedYen) }),
      el('td', { class: 'mono muted', text: x.configHash === null ? '' : shortHash(x.configHash, 6), title: x.configHash ?? '' }),
      el('td', { class: 'note', text: note.join(' · '), title: note.join(' · ') }),
    );
    return tr;
  });
  fillRows(byId<HTMLTableSectionElement>('races-body'), rows, 8, 'No race on the book yet.');

  const select = byId<HTMLSelectElement>('skip-race', HTMLSelectElement);
  // Options are replaced only when the races to come change (an open select stays open).
  const signature = r.next.join('\n');
  if (select.dataset.signature === signature) return;
  select.dataset.signature = signature;
  const chosen = select.value;
  const options = [el('option', { text: 'next race decided', attrs: { value: '' } })];
  for (const id of r.next) {
    const race = r.races.find((x) => x.raceId === id);
    options.push(el('option', { text: race === undefined ? id : `${id} (${formatPostTime(race.postTime)})`, attrs: { value: id } }));
  }
  select.replaceChildren(...options);
  select.value = r.next.includes(chosen) ? chosen : '';
}

function orderRow(o: OrderView, last: 'note' | 'reason' | 'settlement'): HTMLTableRowElement {
  let lastText = '';
  if (last === 'settlement') {
    lastText = o.settlement === null ? 'unsettled' : o.settlement.kind === 'lose' ? 'lost' : `${o.settlement.kind} ${formatYen(o.settlement.payoutYen)}`;
  } else {
    lastText = o.reason ?? '';
  }
  const cls = last === 'settlement' && o.settlement !== null ? `settle-${o.settlement.kind}` : last === 'reason' ? 'reason' : 'note';
  return el(
    'tr',
    {},
    el('td', { class: 'mono', text: formatPostTime(o.postTime), title: o.postTime }),
    el('td', { class: 'mono', text: o.raceId }),
    el('td', { class: 'mono', text: o.ticketId }),
    el('td', { class: 'num', text: formatYen(o.stakeYen) }),
    el('td', { class: 'num', text: o.odds.toFixed(1) }),
    el('td', { text: o.account }),
    el('td', {}, el('span', { class: `pill order-${o.status}`, text: o.status })),
    el('td', { class: 'num', text: formatCount(o.attempts) }),
    el('td', { class: 'mono key', text: shortKey(o.key), title: o.key }),
    el('td', { class: cls, text: lastText, title: lastText }),
  );
}

/** Orders: in flight, failed with the reason, recently purchased; keys short with the full one in a tooltip. */
export function renderOrders(o: OrdersResponse): void {
  setText(byId('inflight-count'), `(${o.inFlight.length})`);
  setText(byId('failed-count'), `(${o.failed.length})`);
  setText(byId('bought-count'), `(${o.recentlyPurchased.length} shown)`);
  fillRows(byId<HTMLTableSectionElement>('inflight-body'), o.inFlight.map((x) => orderRow(x, 'note')), 10, 'Nothing in flight.');
  fillRows(byId<HTMLTableSectionElement>('failed-body'), o.failed.map((x) => orderRow(x, 'reason')), 10, 'No failed order.');
  fillRows(byId<HTMLTableSectionElement>('bought-body'), o.recentlyPurchased.map((x) => orderRow(x, 'settlement')), 10, 'Nothing bought yet.');
}

/** Alerts, newest first; an Ack button on each one not acknowledged (wired by `onAck`). */
export function renderAlerts(a: AlertsResponse, onAck: (alert: AlertView, button: HTMLButtonElement) => void): void {
  setText(byId('alerts-count'), `${formatCount(a.unacknowledged)} unacknowledged of ${formatCount(a.total)}`);
  const rows = a.alerts.map((x) => {
    let state: HTMLElement;
    if (x.acknowledged) {
      const who = x.ackedBy ?? 'someone';
      const when = x.ackedAt === null ? '' : ` ${formatUtcTime(x.ackedAt)}`;
      const title = `acknowledged by ${who}${x.ackedAt === null ? '' : ` at ${formatUtc(x.ackedAt)}`}${x.ackReason === null ? '' : `: ${x.ackReason}`}`;
      state = el('span', { class: 'acked', title }, `acked${when}`, el('br'), el('span', { class: 'who', text: who.replace(/^dashboard:/, '') }));
    } else {
      const b = el('button', { class: 'btn btn-small', text: 'Ack', attrs: { type: 'button', 'data-alert-id': String(x.id) } });
      b.addEventListener('click', () => onAck(x, b));
      state = b;
    }
    return el(
      'tr',
      { class: x.acknowledged ? 'acked-row' : `unacked alert-${x.level}` },
      el('td', { class: 'mono', text: formatUtcTime(x.at), title: formatUtc(x.at) }),
      el('td', {}, el('span', { class: `pill level-${x.level}`, text: x.level })),
      el('td', { class: 'mono', text: x.code }),
      el('td', { class: 'msg', text: x.message, title: x.message }),
      el('td', { class: 'state' }, state),
    );
  });
  fillRows(byId<HTMLTableSectionElement>('alerts-body'), rows, 5, 'No alert.');
}
