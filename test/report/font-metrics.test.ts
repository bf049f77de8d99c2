/**
 * Tests of the TrueType metrics reader used to measure chart text, on the packaged DejaVu Sans,
 * and of the charts' edge inputs (no recommendation, a single config, no fans).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartFontFiles, parseFontMetrics, renderChart, sweepCharts } from '../../src/report/index.ts';
import { fixtureSweepInput } from '../fixtures/report/sweep-input.ts';

describe('parseFontMetrics(bytes)', () => {
  const files = chartFontFiles();
  it.skipIf(!files)('parseFontMetrics(DejaVuSans.ttf) gives DejaVu advance widths', () => {
    const m = parseFontMetrics(readFileSync(files![0]));
    expect(m).toBeDefined();
    // DejaVu Sans: 'M' 1767/2048 em, space 651/2048 em, digits 1303/2048 em.
    expect(m!.widthEm('M')).toBeCloseTo(1767 / 2048, 6);
    expect(m!.widthEm(' ')).toBeCloseTo(651 / 2048, 6);
    expect(m!.widthEm('0123')).toBeCloseTo((4 * 1303) / 2048, 6);
    expect(m!.widthEm('≥×⁻³')).toBeGreaterThan(1);
  });
  it('parseFontMetrics(bytes that are no font) is undefined', () => {
    expect(parseFontMetrics(new Uint8Array(64))).toBeUndefined();
  });
});

describe('sweepCharts(input) on edge inputs', () => {
  it('renders every chart without NaN when no config qualifies', async () => {
    const input = { ...fixtureSweepInput(), recommendedHash: undefined };
    for (const c of sweepCharts(input)) {
      const svg = await renderChart(c.spec, { format: 'svg' });
      expect(svg, c.name).not.toContain('NaN');
    }
    const heatmap = await renderChart(sweepCharts(input)[0].spec, { format: 'svg' });
    expect(heatmap).toContain('No config has ruin probability below 1%');
  });

  it('renders a one-config sweep without fans as the heatmap and the frontier only', async () => {
    const full = fixtureSweepInput();
    const input = { ...full, configs: full.configs.slice(0, 1), fans: [], drawdowns: [], recommendedHash: full.configs[0].configHash };
    const charts = sweepCharts(input);
    expect(charts.map((c) => c.name)).toEqual(['ruin-heatmap', 'growth-frontier']);
    for (const c of charts) expect(await renderChart(c.spec, { format: 'svg' }), c.name).not.toContain('NaN');
  });
});
