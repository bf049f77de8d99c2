/**
 * Tests of the pure HTML builder: the answer sentence, self-containment (nothing loaded from
 * outside the file), the tables, and id prefixing of inline SVGs.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, prefixSvgIds, recommendationSentence, sweepReportHtml, type HtmlChart } from '../../src/report/index.ts';
import { fixtureSweepInput } from '../fixtures/report/sweep-input.ts';

const CHARTS: HtmlChart[] = [
  { name: 'a', title: 'Chart A', howToRead: 'Read <this>.', svg: '<svg width="10" height="10"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>' },
  { name: 'b', title: 'Chart B', howToRead: 'And that.', svg: '<svg width="10" height="10"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>' },
];
const FILES = { resultsDir: 'results/sweep-1', files: ['summary.json', 'report.html'] };

describe('recommendationSentence(input)', () => {
  it('names the recommended config and the bound', () => {
    expect(recommendationSentence(fixtureSweepInput())).toBe('Highest growth with ruin probability under 1%: safety factor 0.5 at EV threshold 1.2.');
  });
  it('says none qualifies without a recommended config', () => {
    expect(recommendationSentence({ ...fixtureSweepInput(), recommendedHash: undefined })).toBe('No config has ruin probability under 1%: none qualifies.');
  });
});

describe('sweepReportHtml(input, charts, files)', () => {
  const html = sweepReportHtml(fixtureSweepInput(), CHARTS, FILES);

  it('is a complete document with the answer first', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<p class="answer">Highest growth with ruin probability under 1%: safety factor 0.5 at EV threshold 1.2.</p>');
  });
  it('loads nothing from outside the file', () => {
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/@import|@font-face/i);
    expect(html).not.toMatch(/url\((?!#)/i);
    expect(html).toContain("default-src 'none'");
  });
  it('holds one table row per config, the recommended one marked, and every config hash', () => {
    const input = fixtureSweepInput();
    expect(html.match(/<tr( class="recommended"[^>]*)?><td/g)?.length).toBe(input.configs.length);
    expect(html.match(/<tr class="recommended"/g)?.length).toBe(1);
    for (const c of input.configs) expect(html).toContain(`data-v="${c.configHash}"`);
    expect(html).toContain(input.sourceHash);
  });
  it('lists the inputs: source, paths, seed, bankroll, ruin level', () => {
    for (const t of ['synthetic-jra-like (fixture)', '10,000', '<td>42</td>', '¥1,000,000', '0.1× the starting bankroll (¥100,000)', 'results/sweep-1']) expect(html).toContain(t);
  });
  it('inlines each chart with its escaped how-to-read note and distinct ids', () => {
    expect(html).toContain('Read &lt;this&gt;.');
    expect(html).toContain('id="c1-clip1"');
    expect(html).toContain('url(#c2-clip1)');
    expect(html.replace(/<script>[\s\S]*<\/script>/, '')).not.toContain('NaN');
  });
  it('shows an other-params column only when a config has other grid fields', () => {
    expect(html).not.toContain('Other params');
    const input = fixtureSweepInput();
    const withOther = { ...input, configs: input.configs.map((c) => ({ ...c, otherParams: 'maxStakeFraction=0.05' })) };
    expect(sweepReportHtml(withOther, CHARTS, FILES)).toContain('Other params');
  });
});

describe('escapeHtml(s) and prefixSvgIds(svg, prefix)', () => {
  it(`escapeHtml('<a href="x">&\\'</a>') escapes all five characters`, () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });
  it('prefixSvgIds rewrites ids, url() and href references and drops an XML declaration', () => {
    const svg = '<?xml version="1.0"?>\n<svg><linearGradient id="g"/><rect fill="url(#g)"/><use href="#g"/></svg>';
    expect(prefixSvgIds(svg, 'p')).toBe('<svg><linearGradient id="p-g"/><rect fill="url(#p-g)"/><use href="#p-g"/></svg>');
  });
});
