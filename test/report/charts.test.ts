/**
 * Tests of the sweep chart specs and their offline rendering: each spec is snapshotted as JSON
 * under test/output/, rendered to SVG (marks and axis titles present, no NaN) and to PNG (2x the
 * SVG's size, not blank).
 */
import type { TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bankrollFanSpec,
  chartFontFiles,
  drawdownDistributionSpec,
  growthFrontierSpec,
  renderChart,
  ruinHeatmapSpec,
  type SweepReportInput,
} from '../../src/report/index.ts';
import { fixtureSweepInput } from '../fixtures/report/sweep-input.ts';
import { decodePng, luminanceVariance } from './decode-png.ts';

interface Case {
  readonly name: string;
  readonly build: (input: SweepReportInput) => TopLevelSpec;
  /** Classes of vega mark groups the SVG must hold. */
  readonly marks: readonly string[];
  /** Texts the SVG must hold (axis titles, labels). */
  readonly texts: readonly string[];
}

const CASES: Case[] = [
  {
    name: 'ruin-heatmap',
    build: ruinHeatmapSpec,
    marks: ['mark-rect', 'mark-text'],
    texts: ['Safety factor (fraction of Kelly)', 'EV threshold', 'P(ruin)', '0.57%', '&lt; 0.1%', 'Outlined: recommended config'],
  },
  {
    name: 'growth-frontier',
    build: growthFrontierSpec,
    marks: ['mark-symbol', 'mark-line', 'mark-rule', 'mark-text'],
    texts: ['Probability of ruin (symmetric log scale)', 'Mean log growth per race (×10⁻³)', 'recommended: s = 0.5, t = 1.2', 'max ruin 1%'],
  },
  {
    name: 'bankroll-fan',
    build: bankrollFanSpec,
    marks: ['mark-area', 'mark-line', 'mark-rule'],
    texts: ['Races', 'Bankroll multiple (log scale)', 's = 0.5, t = 1.2 (recommended)', '2,000'],
  },
  {
    name: 'drawdown-distribution',
    build: drawdownDistributionSpec,
    marks: ['mark-rect', 'mark-rule', 'mark-text'],
    texts: ['Max drawdown (fall from the running peak)', 'Share of paths', 'P(≥ 20%) = 55%', '30%'],
  },
];

/** Width and height attributes of the root svg element. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('svg has no width/height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe('sweep chart specs', () => {
  let input: SweepReportInput;
  beforeAll(() => {
    input = fixtureSweepInput();
  });

  const fontFiles = chartFontFiles();
  if (!fontFiles) console.warn('SKIP: the dejavu-fonts-ttf package is not installed; PNGs fall back to the system DejaVu Sans.');
  it.skipIf(!fontFiles)('chartFontFiles() finds the packaged DejaVu Sans', () => {
    expect(fontFiles?.[0]).toMatch(/DejaVuSans\.ttf$/);
    expect(fontFiles?.[1]).toMatch(/DejaVuSans-Bold\.ttf$/);
  });

  for (const c of CASES) {
    it(`${c.build.name}(input) matches its snapshot test/output/${c.name}.vl.json`, async () => {
      const spec = c.build(input);
      expect(JSON.stringify(spec)).toBe(JSON.stringify(c.build(input)));
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(`../output/${c.name}.vl.json`);
    });

    it(`renderChart(${c.build.name}(input), { format: 'svg' }) draws its marks and titles, no NaN`, async () => {
      const svg = await renderChart(c.build(input), { format: 'svg' });
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain('NaN');
      expect(svg).not.toContain('undefined');
      expect(svg).toContain('font-family="DejaVu Sans"');
      for (const m of c.marks) expect(svg, `mark ${m}`).toContain(m);
      for (const t of c.texts) expect(svg, `text ${t}`).toContain(t);
    });

    it(`renderChart(${c.build.name}(input), { format: 'png' }) is 2x the SVG and not blank`, async () => {
      const spec = c.build(input);
      const svg = await renderChart(spec, { format: 'svg' });
      const png = await renderChart(spec, { format: 'png' });
      const img = decodePng(png);
      const size = svgSize(svg);
      expect(img.width).toBe(Math.round(size.width * 2));
      expect(img.height).toBe(Math.round(size.height * 2));
      expect(luminanceVariance(img)).toBeGreaterThan(200);
    });
  }

  it('renderChart(spec, { format: "png" }) of an empty chart is blank (the variance check can fail)', async () => {
    const png = await renderChart({ data: { values: [] }, mark: 'point', width: 40, height: 40, config: { view: { stroke: null }, axis: { disable: true } } } as TopLevelSpec, {
      format: 'png',
    });
    expect(luminanceVariance(decodePng(png))).toBe(0);
  });

  it('renderChart(spec) refuses data loaded from a URL (REPORT_RENDER_FAILED)', async () => {
    const spec = { data: { url: 'https://example.org/data.json' }, mark: 'point' } as TopLevelSpec;
    await expect(renderChart(spec, { format: 'svg' })).rejects.toMatchObject({ code: 'REPORT_RENDER_FAILED' });
  });
});
