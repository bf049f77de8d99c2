/**
 * A safe parser for the Python list literals of the netkeiba race-info cells, e.g.
 * `['芝右2000m', '天候:晴', '発走:12:20']`: a list of quoted strings only, nothing evaluated.
 * Layer: data; pure.
 */

/** The result of parsing a list literal: the strings, or why the text is not one. */
export type ListLiteralResult = { ok: true; items: string[] } | { ok: false; reason: string };

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };

/**
 * Parses `[ 'a', "b", ... ]` (single or double quotes, backslash escapes \\ \' \" \n \t \r,
 * optional trailing comma, spaces between items). Anything else (numbers, nested lists, names,
 * calls) is refused. O(length).
 * @example parsePyStringList("['芝右2000m', '天候:晴']") // { ok: true, items: ['芝右2000m', '天候:晴'] }
 * @example parsePyStringList("[1, 'a']") // { ok: false, reason: 'expected a quoted string at offset 1' }
 */
export function parsePyStringList(text: string): ListLiteralResult {
  const s = text.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return { ok: false, reason: 'not a list literal [...]' };
  const items: string[] = [];
  let i = 1;
  const end = s.length - 1;
  const skipSpace = (): void => {
    while (i < end && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  skipSpace();
  while (i < end) {
    const q = s[i];
    if (q !== "'" && q !== '"') return { ok: false, reason: `expected a quoted string at offset ${i}` };
    i++;
    let value = '';
    for (;;) {
      if (i >= end) return { ok: false, reason: 'unterminated string' };
      const ch = s[i];
      if (ch === q) {
        i++;
        break;
      }
      if (ch === '\\') {
        const e = ESCAPES[s[i + 1]];
        if (e === undefined || i + 1 >= end) return { ok: false, reason: `unsupported escape at offset ${i}` };
        value += e;
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    items.push(value);
    skipSpace();
    if (i >= end) break;
    if (s[i] !== ',') return { ok: false, reason: `expected ',' or ']' at offset ${i}` };
    i++;
    skipSpace();
  }
  return { ok: true, items };
}
