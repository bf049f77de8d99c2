/**
 * Advance widths of characters read from a TrueType file (tables head, hhea, hmtx and a
 * format-4 cmap), so chart layout measures text as the renderer will draw it. Layer: report.
 * Pure apart from `readFontMetrics`, which reads the file.
 */
import { readFileSync } from 'node:fs';

/** Width of a character in em (font units / unitsPerEm); 0.6 em for a font that lacks it. */
export interface FontMetrics {
  /** Advance width of `text` in em (sum of the characters' advances, no kerning). */
  widthEm(text: string): number;
}

const FALLBACK_EM = 0.6;

/**
 * Parses the metrics of a TrueType font from its bytes.
 * @returns undefined when the bytes lack a table this needs (head, hhea, hmtx, cmap format 4)
 */
export function parseFontMetrics(bytes: Uint8Array): FontMetrics | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o);
  const tables = new Map<string, number>();
  const numTables = u16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[rec], bytes[rec + 1], bytes[rec + 2], bytes[rec + 3]);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) return undefined;
  const unitsPerEm = u16(head + 18);
  const numHMetrics = u16(hhea + 34);
  let sub: number | undefined;
  const numEnc = u16(cmap + 2);
  for (let i = 0; i < numEnc; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = u16(rec);
    const encoding = u16(rec + 2);
    const off = cmap + view.getUint32(rec + 4);
    if (u16(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) {
      sub = off;
      break;
    }
  }
  if (sub === undefined) return undefined;
  const segCount = u16(sub + 6) / 2;
  const endCodes = sub + 14;
  const startCodes = endCodes + 2 * segCount + 2;
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;

  const glyphOf = (code: number): number => {
    if (code > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (u16(endCodes + 2 * i) < code) continue;
      const start = u16(startCodes + 2 * i);
      if (start > code) return 0;
      const delta = u16(idDeltas + 2 * i);
      const rangeOffset = u16(idRangeOffsets + 2 * i);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const g = u16(idRangeOffsets + 2 * i + rangeOffset + 2 * (code - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const advanceEm = (code: number): number => {
    let w = cache.get(code);
    if (w === undefined) {
      const g = glyphOf(code);
      w = g === 0 ? FALLBACK_EM : u16(hmtx + 4 * Math.min(g, numHMetrics - 1)) / unitsPerEm;
      cache.set(code, w);
    }
    return w;
  };
  return {
    widthEm(text: string): number {
      let w = 0;
      for (const ch of text) w += advanceEm(ch.codePointAt(0) ?? 0);
      return w;
    },
  };
}

/** Reads and parses a TrueType file; undefined when it cannot be read or parsed. */
export function readFontMetrics(path: string): FontMetrics | undefined {
  try {
    return parseFontMetrics(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Metrics of a font assumed to give every character 0.6 em (used when no font file is at hand). */
export const ESTIMATED_METRICS: FontMetrics = {
  widthEm: (text: string) => [...text].length * FALLBACK_EM,
};
