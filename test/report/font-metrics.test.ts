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

describe('oneConfigPerCell(configs, recommendedHash)', () => {
  it('keeps the recommended config of a shared cell, else the lowest ruin', async () => {
    const { oneConfigPerCell, ruinHeatmapSpec } = await import('../../src/report/index.ts');
    const input = fixtureSweepInput();
    const twins = input.configs.map((c) => ({ ...c, configHash: `${c.configHash}-b`, ruinProbability: c.ruinProbability / 2, otherParams: 'cap=2' }));
    const all = [...input.configs, ...twins];
    const kept = oneConfigPerCell(all, input.recommendedHash);
    expect(kept).toHaveLength(input.configs.length);
    expect(kept.some((c) => c.configHash === input.recommendedHash)).toBe(true);
    // A twin wins its cell when its (halved) ruin is strictly lower and the original is not recommended.
    const twinWins = input.configs.filter((c) => c.ruinProbability > 0 && c.configHash !== input.recommendedHash).length;
    expect(kept.filter((c) => c.configHash.endsWith('-b'))).toHaveLength(twinWins);
    const svg = await renderChart(ruinHeatmapSpec({ ...input, configs: all }), { format: 'svg' });
    expect(svg).toContain('20 configs differ only in other grid fields');
  });
});
