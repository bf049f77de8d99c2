/**
 * What reference tests compare when a new implementation replaces an old one kept verbatim:
 * the value a call returns or the error it throws, the error described by its class, message
 * and every own field (code, raceId, ticketId, combination, field, value).
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The value of `f()` or the error it throws. */
export function outcome<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: e };
  }
}

/** An error as compared: its class, message and every own field. */
export function describeError(e: unknown): unknown {
  if (!(e instanceof Error)) return { thrown: e };
  return { class: e.constructor, message: e.message, fields: { ...e } };
}
