/**
 * Small DOM helpers of the dashboard page: elements built with text nodes only (never HTML from
 * data, so a race id or an alert message cannot inject markup), and lookups that fail loudly.
 * Layer: live/dashboard/page (browser). Effects: creates and changes DOM nodes.
 */

/** Attributes of {@link el}: class, title, data-* and a few plain ones. */
export interface ElOptions {
  readonly class?: string;
  readonly title?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** A child of {@link el}: a node, a text, or nothing. */
export type Child = Node | string | null | undefined | false;

/**
 * Creates an element; strings become text nodes.
 * @example el('td', { class: 'num' }, '¥1,000') // <td class="num">¥1,000</td>
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElOptions = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class !== undefined) node.className = options.class;
  if (options.title !== undefined) node.title = options.title;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.attrs !== undefined) for (const [k, v] of Object.entries(options.attrs)) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/**
 * The element with this id, of the expected type.
 * @throws Error when the page lacks it (a mismatch between index.html and app.ts)
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string, type?: { new (): T }): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`dashboard page: element #${id} is missing`);
  if (type !== undefined && !(node instanceof type)) throw new Error(`dashboard page: element #${id} is not a ${type.name}`);
  return node as T;
}

/** Sets the text of an element (no markup). */
export function setText(node: HTMLElement, text: string, title?: string): void {
  node.textContent = text;
  if (title !== undefined) node.title = title;
}

/** Replaces a table body's rows; an empty list shows one row with `emptyText` across `columns`. */
export function fillRows(body: HTMLTableSectionElement, rows: readonly HTMLTableRowElement[], columns: number, emptyText: string): void {
  if (rows.length > 0) {
    body.replaceChildren(...rows);
    return;
  }
  const td = el('td', { class: 'empty', text: emptyText });
  td.colSpan = columns;
  body.replaceChildren(el('tr', {}, td));
}

/** Shows or hides an element (the `hidden` attribute). */
export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}
