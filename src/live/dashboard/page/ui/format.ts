/**
 * Text formats of the dashboard page: yen, ratios, times, ages, short hashes and keys.
 * Layer: live/dashboard/page (browser; imports nothing). Pure: no DOM, no clock (the current
 * time comes as an argument), so Node tests may import it too.
 * Units: integer yen; ratios in [0, 1]; times as ISO text; ages in seconds.
 */

/**
 * Integer yen with thousands separators (the reports' format).
 * @example formatYen(1234567) // '¥1,234,567'
 * @example formatYen(-500) // '-¥500'
 */
export function formatYen(yen: number): string {
  if (!Number.isFinite(yen)) return 'n/a';
  const r = Math.round(yen);
  return `${r < 0 ? '-' : ''}¥${Math.abs(r).toLocaleString('en-US')}`;
}

/** Yen or a dash when not known. @example formatYenOrDash(null) // '–' */
export function formatYenOrDash(yen: number | null): string {
  return yen === null ? '–' : formatYen(yen);
}

/**
 * A ratio as a percentage with one decimal.
 * @example formatRatio(0.0421) // '4.2%'
 */
export function formatRatio(r: number, digits = 1): string {
  if (!Number.isFinite(r)) return 'n/a';
  return `${(r * 100).toFixed(digits)}%`;
}

/** A plain integer with separators. @example formatCount(12345) // '12,345' */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

/**
 * An age in seconds, short and human: seconds under two minutes, then minutes, hours, days.
 * @example formatAge(5) // '5 s'
 * @example formatAge(7260) // '2 h 1 min'
 */
export function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'n/a';
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/**
 * An ISO time as UTC date and time to the second, e.g. for "since" columns.
 * @example formatUtc('2024-01-06T03:40:05.123Z') // '2024-01-06 03:40:05 UTC'
 */
export function formatUtc(iso: string | null): string {
  if (iso === null) return '–';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * An ISO time as the time of day (UTC) only, for dense tables.
 * @example formatUtcTime('2024-01-06T03:40:05.123Z') // '03:40:05'
 */
export function formatUtcTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * A local post time `YYYY-MM-DDTHH:MM` as `HH:MM` (the day is shown once elsewhere).
 * @example formatPostTime('2024-01-06T10:05') // '10:05'
 */
export function formatPostTime(postTime: string): string {
  const m = /T(\d{2}:\d{2})/.exec(postTime);
  return m === null ? postTime : m[1];
}

/**
 * The first characters of a hash.
 * @example shortHash('0123456789abcdef0123') // '0123456789ab'
 */
export function shortHash(hash: string | null, length = 12): string {
  if (hash === null) return '–';
  return hash.length > length ? hash.slice(0, length) : hash;
}

/**
 * An idempotency key `race|ticket|config16|decisionId` in a short form for a table that shows
 * the race in its own column: the race part elided, the config and decision parts shortened
 * (the full key goes in a tooltip). Other shapes are cut at 40 characters.
 * @example shortKey('R01|win:3|0123456789abcdef|d-89abcdef01234567') // '…|win:3|012345|d-89abcd…'
 */
export function shortKey(key: string): string {
  const parts = key.split('|');
  if (parts.length !== 4) return key.length > 40 ? `${key.slice(0, 39)}…` : key;
  const [, ticket, config, decision] = parts;
  return `…|${ticket}|${config.slice(0, 6)}|${decision.length > 8 ? `${decision.slice(0, 8)}…` : decision}`;
}

/** English ordinal of a small positive integer. @example ordinal(3) // '3rd' */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${n % 10 > 3 ? 'th' : suffix}`;
}
