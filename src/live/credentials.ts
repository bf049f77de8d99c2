/**
 * Account credentials for a venue purchaser, from environment variables or from a JSON file
 * readable by its owner only. Layer: live; reads the environment and a file. Secrets are never
 * written to logs, the audit log, alerts or results: `secretValues` lists them for masking.
 *
 * Environment: `KEIBA_LIVE_<ACCOUNT>_<FIELD>` (account upper-cased, `-` as `_`), e.g.
 * `KEIBA_LIVE_MAIN_PASSWORD`. File: `{ "<account>": { "<field>": "<value>", ... } }`, mode 0600
 * (or 0400), owned by the user running the command.
 */
import { readFileSync, statSync } from 'node:fs';
import { LiveError } from './errors.ts';

/** Credential fields per account. */
export type Credentials = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Loads credentials for `accounts`: the file's fields, overridden by environment variables.
 * @throws LiveError LIVE_BAD_CREDENTIALS_FILE for a file readable or writable by group or others,
 *   owned by another user, or not a JSON object of objects of strings (the message never quotes a value)
 * @example loadCredentials(['main'], { KEIBA_LIVE_MAIN_PASSWORD: 'x' }).get('main') // { password: 'x' }
 */
export function loadCredentials(accounts: readonly string[], env: NodeJS.ProcessEnv, file?: string): Credentials {
  const out = new Map<string, Record<string, string>>();
  for (const a of accounts) out.set(a, {});
  if (file !== undefined) {
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new LiveError('LIVE_BAD_CREDENTIALS_FILE', `credentials file ${file} cannot be read`, { field: 'file', value: file });
    }
    if ((st.mode & 0o077) !== 0) {
      throw new LiveError(
        'LIVE_BAD_CREDENTIALS_FILE',
        `credentials file ${file} is accessible by group or others (mode ${(st.mode & 0o777).toString(8)}): chmod 600 it`,
        { field: 'file', value: file },
      );
    }
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
      throw new LiveError('LIVE_BAD_CREDENTIALS_FILE', `credentials file ${file} is not owned by the user running keiba`, { field: 'file', value: file });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new LiveError('LIVE_BAD_CREDENTIALS_FILE', `credentials file ${file} is not JSON`, { field: 'file', value: file });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LiveError('LIVE_BAD_CREDENTIALS_FILE', `credentials file ${file}: expected an object of accounts`);
    for (const [account, fields] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Object.values(fields).some((v) => typeof v !== 'string')) {
        throw new LiveError('LIVE_BAD_CREDENTIALS_FILE', `credentials file ${file}: account ${account} must map field names to strings`, { field: account });
      }
      if (out.has(account)) out.set(account, { ...(fields as Record<string, string>) });
    }
  }
  for (const a of accounts) {
    const prefix = `KEIBA_LIVE_${a.toUpperCase().replace(/-/g, '_')}_`;
    for (const [k, v] of Object.entries(env)) {
      if (k.startsWith(prefix) && typeof v === 'string' && v !== '') {
        const field = k.slice(prefix.length).toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
        (out.get(a) as Record<string, string>)[field] = v;
      }
    }
  }
  return out;
}

/** Every secret value, for masking (values shorter than 4 characters are masked too). */
export function secretValues(creds: Credentials): string[] {
  const out: string[] = [];
  for (const fields of creds.values()) for (const v of Object.values(fields)) if (v !== '') out.push(v);
  return out.sort((a, b) => b.length - a.length);
}

/** Accounts without any credential field. */
export function accountsWithoutCredentials(creds: Credentials): string[] {
  return [...creds.entries()].filter(([, f]) => Object.keys(f).length === 0).map(([a]) => a);
}
