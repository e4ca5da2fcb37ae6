/** Shared test credentials and a bare HTTP/2 client for the simulator tests. */
import { connect, type ClientHttp2Session, type OutgoingHttpHeaders } from 'node:http2';
import { createRequire } from 'node:module';
import { mintCa, mintP8, mintPushCert, mintTlsCert, type MintedCert, type MintedP8 } from '../../src/standin/mint.js';
import { generateSimTls, type SimState, type SimTlsMaterial } from '../../src/apns-sim/index.js';

export const BUNDLE = 'com.example.chat';
export const OTHER_BUNDLE = 'com.example.other';
export const TEAM = 'ABCDE12345';
export const OTHER_TEAM = 'ZYXWV98765';

export interface TestCredentials {
  simTls: SimTlsMaterial;
  ca: MintedCert;
  development: MintedCert;
  production: MintedCert;
  universal: MintedCert;
  expired: MintedCert;
  notPush: MintedCert;
  key: MintedP8;
  otherKey: MintedP8;
}

let cached: TestCredentials | undefined;

/** Each credential is minted on first use and kept for the file: RSA key generation is the slow part. */
export function testCredentials(): TestCredentials {
  if (cached) return cached;
  const day = 86_400_000;
  const makers: { [K in keyof TestCredentials]: () => TestCredentials[K] } = {
    simTls: () => generateSimTls(),
    ca: () => mintCa(),
    development: () => mintPushCert({ ca: creds.ca, bundleId: BUNDLE, teamId: TEAM, environment: 'development' }),
    production: () => mintPushCert({ ca: creds.ca, bundleId: BUNDLE, teamId: TEAM, environment: 'production' }),
    universal: () => mintPushCert({ ca: creds.ca, bundleId: BUNDLE, teamId: TEAM, environment: 'universal' }),
    expired: () =>
      mintPushCert({ ca: creds.ca, bundleId: BUNDLE, teamId: TEAM, environment: 'development', notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - day) }),
    notPush: () => mintTlsCert({ ca: creds.ca, commonName: 'not a push certificate' }),
    key: () => mintP8({ keyId: 'KEY1234567' }),
    otherKey: () => mintP8({ keyId: 'KEY7654321' }),
  };
  const made = new Map<string, unknown>();
  const creds = {} as TestCredentials;
  for (const name of Object.keys(makers) as Array<keyof TestCredentials>) {
    Object.defineProperty(creds, name, {
      enumerable: true,
      get: () => {
        if (!made.has(name)) made.set(name, makers[name]());
        return made.get(name);
      },
    });
  }
  cached = creds;
  return creds;
}

const require = createRequire(import.meta.url);
// node-apn's own token preparation: the JWT exactly as the sender will produce it.
const apnCredentials = require('@parse/node-apn/lib/credentials')({ logger: () => undefined }) as {
  token(options: { key: string; keyId: string; teamId: string }): { current: string };
};

export const providerJwt = (key: MintedP8, teamId = TEAM): string => apnCredentials.token({ key: key.pem, keyId: key.keyId, teamId }).current;

export interface H2Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown> | undefined;
}

export interface ClientOptions {
  cert?: MintedCert;
}

export function openSession(url: string, caPem: string, opts: ClientOptions = {}): ClientHttp2Session {
  const session = connect(url, { ca: caPem, ...(opts.cert ? { cert: opts.cert.certPem, key: opts.cert.keyPem } : {}) });
  session.on('error', () => undefined);
  return session;
}

/**
 * One request on an open session; resolves with whatever came back, `status: -1` on a reset,
 * `status: -2` when node's client refused to send the headers at all.
 */
export function h2Request(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body?: string | Buffer): Promise<H2Answer> {
  return new Promise((resolve) => {
    let stream: ReturnType<ClientHttp2Session['request']>;
    try {
      stream = session.request({ ':method': 'POST', ...headers });
    } catch {
      return resolve({ status: -2, headers: {}, text: '', json: undefined });
    }
    let status = -1;
    let responseHeaders: H2Answer['headers'] = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      responseHeaders = h as H2Answer['headers'];
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | undefined;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ status, headers: responseHeaders, text, json });
    };
    stream.on('close', finish);
    stream.on('error', () => undefined);
    // node ends GET/DELETE streams with the headers; writing a body to them would destroy the stream.
    if (stream.writableEnded) return;
    if (body === undefined || body.length === 0) stream.end();
    else stream.end(body);
  });
}

/** A one-off request on a fresh connection. */
export async function h2Once(url: string, caPem: string, headers: OutgoingHttpHeaders, body?: string | Buffer, opts: ClientOptions = {}): Promise<H2Answer> {
  const session = openSession(url, caPem, opts);
  try {
    return await h2Request(session, headers, body);
  } finally {
    session.close();
  }
}

export const ALERT = JSON.stringify({ aps: { alert: 'hello' } });

/** When the `gone` and `expired` tokens stopped being valid (the 410 `timestamp`). */
export const GONE_AT = Date.parse('2024-03-01T12:00:00Z');

export type SeededTokens = Record<'dev' | 'prod' | 'other' | 'gone' | 'expired', string>;

/**
 * The state most simulator tests start from: the main key for the app's topic, a second key for
 * production only, and tokens for each environment, another app, and two that answer 410.
 */
export function seedSimState(state: SimState, creds: TestCredentials): SeededTokens {
  state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem, topics: [BUNDLE] });
  state.registerKey({ keyId: creds.otherKey.keyId, teamId: TEAM, publicKeyPem: creds.otherKey.publicKeyPem, environment: 'production' });
  const device = (topic: string, environment: 'development' | 'production') => state.registerDevice({ topic, environment }).token;
  const tokens: SeededTokens = {
    dev: device(BUNDLE, 'development'),
    prod: device(BUNDLE, 'production'),
    other: device(OTHER_BUNDLE, 'development'),
    gone: device(BUNDLE, 'development'),
    expired: device(BUNDLE, 'development'),
  };
  state.unregisterDevice(tokens.gone, GONE_AT);
  state.unregisterDevice(tokens.expired, GONE_AT, 'ExpiredToken');
  return tokens;
}
