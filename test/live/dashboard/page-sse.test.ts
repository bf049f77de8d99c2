/**
 * The dashboard page's reader of server-sent events (src/live/dashboard/page/ui/sse.ts), run in
 * Node: event blocks (names, data lines, comments, ids, bad JSON) and the cutting of a stream's
 * text into events however it is split into chunks, line ends CRLF, CR or LF.
 */
import { describe, expect, it } from 'vitest';
import { EventStreamDecoder, parseEventBlock, type StreamEvent } from '../../../src/live/dashboard/page/ui/sse.ts';

/** Every event of `text` fed to a new decoder in the chunks cut at `cuts`. */
function decodeIn(text: string, cuts: readonly number[]): StreamEvent[] {
  const d = new EventStreamDecoder();
  const out: StreamEvent[] = [];
  let from = 0;
  for (const at of [...cuts, text.length]) {
    out.push(...d.push(text.slice(from, at)));
    from = at;
  }
  return out;
}

describe('parseEventBlock', () => {
  it('reads the event name and JSON data; "message" when the block names no event', () => {
    expect(parseEventBlock('event: update\ndata: {"version":"3"}')).toEqual({ name: 'update', data: { version: '3' } });
    expect(parseEventBlock('data: [1,2]')).toEqual({ name: 'message', data: [1, 2] });
    expect(parseEventBlock('data: 42')).toEqual({ name: 'message', data: 42 });
  });

  it('takes one space after the colon off, no more; a field without a colon has an empty value', () => {
    expect(parseEventBlock('event:hello\ndata:{"a":1}')).toEqual({ name: 'hello', data: { a: 1 } });
    expect(parseEventBlock('event:  spaced\ndata: "x"')).toEqual({ name: ' spaced', data: 'x' });
    expect(parseEventBlock('event\ndata: 1')).toEqual({ name: '', data: 1 });
  });

  it('joins several data lines with newlines before parsing', () => {
    expect(parseEventBlock('event: update\ndata: {"views":\ndata: ["status","charts"]}')).toEqual({ name: 'update', data: { views: ['status', 'charts'] } });
    expect(parseEventBlock('data: "a\ndata: b"')).toBeNull(); // a newline inside a JSON string is not JSON
  });

  it('ignores comments, ids, retry and unknown fields; the last event line wins', () => {
    expect(parseEventBlock(': keep-alive\nid: 7\nretry: 1000\nfoo: bar\nevent: a\nevent: heartbeat\ndata: {}')).toEqual({ name: 'heartbeat', data: {} });
  });

  it('is null for a block without data (a comment, an event name alone, empty) and for data that is not JSON', () => {
    expect(parseEventBlock(': ping')).toBeNull();
    expect(parseEventBlock('event: hello')).toBeNull();
    expect(parseEventBlock('')).toBeNull();
    expect(parseEventBlock('data: {not json')).toBeNull();
    expect(parseEventBlock('data:')).toBeNull();
  });
});

describe('EventStreamDecoder', () => {
  const STREAM = 'event: hello\ndata: {"version":"1"}\n\n: comment only\n\nevent: update\ndata: {"views":["status"],\ndata: "version":"2"}\n\nevent: heartbeat\ndata: {}\n\n';
  const EVENTS: StreamEvent[] = [
    { name: 'hello', data: { version: '1' } },
    { name: 'update', data: { views: ['status'], version: '2' } },
    { name: 'heartbeat', data: {} },
  ];

  it('gives each completed event once, in order, skipping blocks without data', () => {
    const d = new EventStreamDecoder();
    expect(d.push(STREAM)).toEqual(EVENTS);
    expect(d.push('')).toEqual([]);
  });

  it('keeps an unfinished block for the next chunk, and gives the same events at every single cut of the text', () => {
    const d = new EventStreamDecoder();
    expect(d.push('event: hello\ndata: {"a"')).toEqual([]);
    expect(d.push(':1}\n')).toEqual([]);
    expect(d.push('\n')).toEqual([{ name: 'hello', data: { a: 1 } }]);
    for (let cut = 0; cut <= STREAM.length; cut++) expect(decodeIn(STREAM, [cut]), `cut at ${cut}`).toEqual(EVENTS);
  });

  it('gives the same events fed one character at a time', () => {
    expect(decodeIn(STREAM, Array.from({ length: STREAM.length }, (_, i) => i))).toEqual(EVENTS);
  });

  it('reads CRLF and CR line ends like LF, a CRLF split between two chunks included', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const cr = STREAM.replace(/\n/g, '\r');
    for (let cut = 0; cut <= crlf.length; cut++) expect(decodeIn(crlf, [cut]), `CRLF cut at ${cut}`).toEqual(EVENTS);
    expect(decodeIn(crlf, Array.from({ length: crlf.length }, (_, i) => i))).toEqual(EVENTS);
    // A lone CR at the end of a chunk waits for the next one (it may be half of a CRLF).
    const d = new EventStreamDecoder();
    expect(d.push(cr)).toEqual(EVENTS.slice(0, 2));
    expect(d.push(': next')).toEqual([EVENTS[2]]);
  });

  it('never ends a block at a CRLF split across chunks (one line end, not two)', () => {
    const d = new EventStreamDecoder();
    expect(d.push('event: update\r')).toEqual([]);
    expect(d.push('\ndata: 1\r\n\r\n')).toEqual([{ name: 'update', data: 1 }]);
  });

  it('drops a block the stream left unfinished (no blank line after it)', () => {
    const d = new EventStreamDecoder();
    expect(d.push('event: hello\ndata: {}\n')).toEqual([]);
  });
});
