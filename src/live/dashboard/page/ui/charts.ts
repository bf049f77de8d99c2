/**
 * Renders the Vega-Lite specs of GET /api/charts (the reports' bankroll and drawdown specs)
 * in the browser: vega-lite compiles, vega draws SVG into the panel. Expressions run through
 * vega-interpreter, so the page needs no eval (its CSP is default-src 'self').
 * Layer: live/dashboard/page (browser). Effects: DOM only.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '../../api-types.ts';
import { el } from './dom.ts';

const views = new Map<HTMLElement, View>();

/**
 * A copy of the spec sized to the panel: a plain numeric width, or the numeric widths of a
 * vertical concatenation (the reports' equity curve), set to the panel's width less the axes.
 */
function fitted(spec: VegaLiteSpec, container: HTMLElement): VegaLiteSpec {
  const available = Math.floor(container.clientWidth) - 150;
  if (available < 240) return spec;
  const sized = (part: unknown): unknown =>
    typeof part === 'object' && part !== null && typeof (part as { width?: unknown }).width === 'number' ? { ...(part as object), width: available } : part;
  const out: Record<string, unknown> = { ...spec };
  if (typeof spec.width === 'number') out.width = available;
  if (Array.isArray(spec.vconcat)) out.vconcat = spec.vconcat.map(sized);
  return out;
}

/**
 * Draws `spec` into `container` (replacing an earlier chart there), or an empty note for null.
 * Never throws: a spec that fails to render leaves a message in the panel.
 */
export async function renderChart(container: HTMLElement, spec: VegaLiteSpec | null, emptyText: string): Promise<void> {
  views.get(container)?.finalize();
  views.delete(container);
  if (spec === null) {
    container.replaceChildren(el('p', { class: 'empty', text: emptyText }));
    return;
  }
  const target = el('div', { class: 'chart-canvas' });
  container.replaceChildren(target);
  try {
    const vg = compile(fitted(spec, container) as unknown as TopLevelSpec).spec;
    const view = new View(parse(vg, undefined, { ast: true }), { renderer: 'svg', container: target, hover: false, expr: expressionInterpreter });
    views.set(container, view);
    await view.runAsync();
  } catch (e) {
    container.replaceChildren(el('p', { class: 'empty error', text: `The chart cannot be drawn: ${(e as Error).message}` }));
  }
}
