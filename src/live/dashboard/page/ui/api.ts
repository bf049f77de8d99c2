/**
 * The dashboard page's client of the JSON API: the access token (from the URL fragment
 * `#token=...`, then kept in sessionStorage only), GET and POST with `Authorization: Bearer`,
 * API errors as values, and the server-sent events read with fetch and a stream reader (the
 * contract takes the token from the header only, which EventSource cannot send) and cut into
 * events by ./sse.ts. Layer: live/dashboard/page (browser; types from ../../api-types.ts).
 * Effects: network,
 * sessionStorage, the address bar (the token is removed from it at load).
 */
import type { ApiError, EventName } from '../../api-types.ts';
import { EventStreamDecoder } from './sse.ts';

const TOKEN_KEY = 'keiba-dashboard-token';

/** An answer of the API that was not 2xx (or no answer at all: status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/**
 * Takes the token from the fragment `#token=...` when present (and removes it from the address
 * bar and the history entry), else from sessionStorage. Returns null when there is none.
 */
export function takeToken(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  const fromHash = new URLSearchParams(hash).get('token');
  if (fromHash !== null && fromHash !== '') {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    saveToken(fromHash);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps the token for this tab (sessionStorage; never a cookie, never the URL). */
export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Forgets the token (after a 401). */
export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

function isApiError(x: unknown): x is ApiError {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (isApiError(body)) return new ApiFailure(res.status, body.error.code, body.error.message);
  return new ApiFailure(res.status, `HTTP_${res.status}`, `the server answered ${res.status} ${res.statusText}`.trim());
}

/** The API with one token; `onUnauthorized` runs on every 401. */
export class Api {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  private headers(json: boolean): Headers {
    const h = new Headers({ Authorization: `Bearer ${this.token}`, Accept: json ? 'application/json' : 'text/event-stream' });
    return h;
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      throw new ApiFailure(0, 'NETWORK', `the dashboard server cannot be reached (${(e as Error).message})`);
    }
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) throw await failureOf(res);
    return (await res.json()) as T;
  }

  /** GET a view. @throws ApiFailure */
  get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET', headers: this.headers(true) });
  }

  /** POST an action with a JSON body. @throws ApiFailure */
  post<T>(path: string, body: unknown): Promise<T> {
    const headers = this.headers(true);
    headers.set('Content-Type', 'application/json');
    return this.request<T>(path, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  /**
   * Reads the event stream until it ends, fails or `signal` aborts; calls `onEvent` per event.
   * @throws ApiFailure when the server refuses the stream (401 included)
   */
  async stream(path: string, signal: AbortSignal, onEvent: (name: EventName | string, data: unknown) => void): Promise<void> {
    let res: Response;
    try {
      res = await fetch(path, { method: 'GET', headers: this.headers(false), cache: 'no-store', credentials: 'omit', signal });
    } catch (e) {
      if (signal.aborted) return;
      throw new ApiFailure(0, 'NETWORK', `the event stream cannot be opened (${(e as Error).message})`);
    }
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok || res.body === null) throw await failureOf(res);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const decoder = new EventStreamDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const ev of decoder.push(value)) onEvent(ev.name, ev.data);
      }
    } catch (e) {
      if (signal.aborted) return;
      throw new ApiFailure(0, 'NETWORK', `the event stream broke (${(e as Error).message})`);
    } finally {
      reader.releaseLock();
    }
  }
}

