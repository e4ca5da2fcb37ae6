/** Reading request bodies with a size cap, and writing NIM-style JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export class BodyTooLarge extends Error {}

/**
 * Reads the body, refusing early: a declared Content-Length over the cap is refused before a
 * byte is read, and a streamed body stops being read as soon as it crosses the cap.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        finish(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (e) => finish(e));
    req.once('aborted', () => finish(new Error('aborted')));
  });
}

const JSON_TYPE = 'application/json;charset=utf-8';

export function sendJson(res: ServerResponse, body: Record<string, unknown>, opts: { close?: boolean; date?: string } = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  // One writeHead with a flat header list: node writes it as is, without a header object per answer.
  const headers = ['content-type', JSON_TYPE, 'content-length', String(Buffer.byteLength(text))];
  // A refused body is left unread: close the connection instead of draining it.
  if (opts.close) headers.push('connection', 'close');
  if (opts.date) headers.push('date', opts.date);
  res.writeHead(200, headers);
  res.end(text);
}

/** A request target's path and query, as `new URL(target, base)` gives them. */
export interface RequestTarget {
  pathname: string;
  /** The query's parameters, parsed on first use (most requests carry none). */
  readonly searchParams: URLSearchParams;
}

/** A plain origin-form path: no leading `//`, dot segment, escape, backslash or character URL would rewrite. */
const PLAIN_PATH = /^\/(?!\/)(?:[A-Za-z0-9_~!$&'()*+,;=:@-]|\.(?![./]|$)|\/(?!\.{1,2}(?:\/|$)))*$/;

/** Printable ASCII without a fragment: URL's parser would leave such a query as it is. */
const PLAIN_QUERY = /^[\x21-\x22\x24-\x7e]*$/;

/**
 * Splits a request target into path and query. A plain path (every NIM API path is one) is taken
 * as it stands, which is what URL's parser would make of it; anything else goes through URL.
 */
export function requestTarget(raw: string | undefined): RequestTarget {
  const target = raw ?? '/';
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  if (!PLAIN_PATH.test(path) || !PLAIN_QUERY.test(query)) return new URL(target, 'http://relay.invalid');
  let params: URLSearchParams | undefined;
  return {
    pathname: path,
    get searchParams() {
      params ??= new URLSearchParams(query);
      return params;
    },
  };
}

/** Parses an `application/x-www-form-urlencoded` body; first value of a repeated key wins. */
export function parseForm(raw: Buffer): Record<string, string> {
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (!(key in form)) form[key] = value;
  }
  return form;
}

/** A JSON object body (an empty body is `{}`), or undefined when it is not one. */
export function parseJsonBody(raw: Buffer): Record<string, unknown> | undefined {
  if (raw.length === 0) return {};
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
