/** Hand-built NIM requests for wire-level tests: own SHA-1 CheckSum, own form encoding, node:http. */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
export { seededRandom } from '../../src/core/seeded-random.js';

export const APP_KEY = 'test-app-key-0001';
export const APP_SECRET = 'test-app-secret-9f8e7d6c';

export interface WireOptions {
  appKey?: string;
  appSecret?: string;
  nonce?: string;
  curTime?: string;
  checkSum?: string;
  contentType?: string;
  method?: string;
  headers?: Record<string, string>;
  /** Send the body chunked (no Content-Length), as a stream would. */
  chunked?: boolean;
}

export interface WireAnswer {
  status: number;
  json: { code: number; desc?: string; [key: string]: unknown };
}

export const sha1Hex = (text: string): string => createHash('sha1').update(text).digest('hex');

export function formEncode(fields: Record<string, string>): string {
  // URLSearchParams also copes with lone surrogates, which the fuzz test produces.
  return new URLSearchParams(fields).toString();
}

export function wireHeaders(opts: WireOptions = {}): Record<string, string> {
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const curTime = opts.curTime ?? String(Math.floor(Date.now() / 1000));
  const checkSum = opts.checkSum ?? sha1Hex((opts.appSecret ?? APP_SECRET) + nonce + curTime);
  return { AppKey: opts.appKey ?? APP_KEY, Nonce: nonce, CurTime: curTime, CheckSum: checkSum };
}

/** POSTs `body` (a string or Buffer) to `<base>/<path>.action` with hand-made headers. */
export function wirePost(base: string, path: string, body: string | Buffer, opts: WireOptions = {}): Promise<WireAnswer> {
  const url = new URL(`${base}/${path}.action`);
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? 'POST',
        headers: {
          ...wireHeaders(opts),
          'content-type': opts.contentType ?? 'application/x-www-form-urlencoded;charset=utf-8',
          ...(opts.chunked ? {} : { 'content-length': String(payload.length) }),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.chunked) {
      for (let i = 0; i < payload.length; i += 16 * 1024) req.write(payload.subarray(i, i + 16 * 1024));
      req.end();
    } else req.end(payload);
  });
}

export const wireForm = (base: string, path: string, fields: Record<string, string>, opts?: WireOptions): Promise<WireAnswer> =>
  wirePost(base, path, formEncode(fields), opts);

export const wireJson = (base: string, path: string, body: unknown, opts?: WireOptions): Promise<WireAnswer> =>
  wirePost(base, path, JSON.stringify(body), { contentType: 'application/json', ...opts });


/**
 * A hand-built v2 call: JSON body (none for GET), CheckSum headers and an `X-custom-traceid`, the
 * path's `|` percent-encoded as NetEase's Go SDK sends it. Answers are `{code, msg, data}`.
 */
export function wireV2(base: string, method: string, path: string, body?: unknown, opts: WireOptions & { traceId?: string } = {}): Promise<WireAnswer & { json: { msg?: string; data?: Record<string, unknown> } }> {
  const url = new URL(`${base}${path}`);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          ...wireHeaders(opts),
          'X-custom-traceid': opts.traceId ?? randomBytes(16).toString('hex'),
          ...(payload ? { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(payload.length) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
