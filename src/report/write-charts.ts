/**
 * Renders report charts and writes each as `<name>.vl.json` (the Vega-Lite spec, opens in any
 * Vega editor), `<name>.svg` and `<name>.png` (2x) into a charts folder. Layer: report.
 * Not pure (writes the file system).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HtmlChart } from './html.ts';
import { renderSvg, svgToPng } from './render.ts';
import type { ReportChart } from './sweep-charts.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** What `writeCharts` wrote: the charts with their SVG, and the paths of every file. */
export interface WrittenCharts {
  readonly charts: HtmlChart[];
  readonly files: string[];
}

/**
 * Renders and writes the charts into `chartsDir` (created when missing).
 * @throws ReportError REPORT_RENDER_FAILED when a spec does not render
 * @example (await writeCharts(sweepCharts(input), 'out/charts')).files[0] // 'out/charts/ruin-heatmap.vl.json'
 */
export async function writeCharts(charts: readonly ReportChart[], chartsDir: string): Promise<WrittenCharts> {
  mkdirSync(chartsDir, { recursive: true });
  const out: HtmlChart[] = [];
  const files: string[] = [];
  for (const c of charts) {
    const svg = await renderSvg(c.spec);
    const png = svgToPng(svg, 2);
    const base = join(chartsDir, c.name);
    writeFileAtomic(`${base}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    writeFileAtomic(`${base}.svg`, svg);
    writeFileAtomic(`${base}.png`, png);
    files.push(`${base}.vl.json`, `${base}.svg`, `${base}.png`);
    out.push({ name: c.name, title: c.title, howToRead: c.howToRead, svg });
  }
  return { charts: out, files };
}
