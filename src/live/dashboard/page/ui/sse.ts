/**
 * The server-sent events format read by the dashboard page: text chunks as they arrive from the
 * stream cut into event blocks (a blank line ends a block; CRLF, CR and LF line ends, a CRLF
 * split across two chunks included), and each block read as an event name and JSON data.
 * Layer: live/dashboard/page (browser; imports nothing). Pure: no DOM, no network, so Node
 * tests may import it too.
 */

/** One event of the stream: its name (`message` when the block names none) and its data. */
export interface StreamEvent {
  readonly name: string;
  readonly data: unknown;
}

/**
 * One server-sent event block (`event:` and `data:` lines; comments and ids ignored), data
 * parsed as JSON (several `data:` lines joined with newlines). Null for a block without data
 * (a comment such as a keep-alive) or data that is not JSON.
 * @example parseEventBlock('event: update\ndata: {"version":"3"}') // { name: 'update', data: { version: '3' } }
 */
export function parseEventBlock(block: string): StreamEvent | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    return { name, data: JSON.parse(data.join('\n')) as unknown };
  } catch {
    return null;
  }
}

/**
 * Cuts a stream's text into events as chunks arrive. Text after the last blank line waits for
 * the next chunk; a block left unfinished when the stream ends is dropped (the format says so).
 * @example
 * const d = new EventStreamDecoder();
 * d.push('event: hello\ndata: {"a"'); // []
 * d.push(':1}\n\n'); // [{ name: 'hello', data: { a: 1 } }]
 */
export class EventStreamDecoder {
  private buffer = '';
  /** A CR ending the last chunk: its line end is known only once the next chunk shows whether LF follows. */
  private pendingCr = false;

  /** Takes the next chunk of text; returns the events it completes, in order. */
  push(chunk: string): StreamEvent[] {
    let text = (this.pendingCr ? '\r' : '') + chunk;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    this.buffer += text.replace(/\r\n?/g, '\n');
    const out: StreamEvent[] = [];
    let cut = this.buffer.indexOf('\n\n');
    while (cut >= 0) {
      const ev = parseEventBlock(this.buffer.slice(0, cut));
      this.buffer = this.buffer.slice(cut + 2);
      if (ev !== null) out.push(ev);
      cut = this.buffer.indexOf('\n\n');
    }
    return out;
  }
}
