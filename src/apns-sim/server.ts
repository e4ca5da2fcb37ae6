/** The local APNs provider-API simulator: one HTTP/2-over-TLS endpoint per environment. */
import { writeFile } from 'node:fs/promises';
import { makeDirectory } from '../adapters/dirs.js';
import { createSecureServer, constants, type Http2SecureServer, type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { SimState, type SimEnvironment } from './sim-state.js';
import { handleStream, type SimLogEntry } from './stream-handler.js';
import { generateSimTls, type SimTlsMaterial } from './tls-material.js';

export const SIM_CA_FILE_NAME = 'apns-sim-ca.pem';

export interface ApnsSimOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  developmentPort?: number;
  productionPort?: number;
  /** Directory to write the CA file into (created if missing); the simulator keeps nothing else there. */
  stateDir?: string;
  /** Reuse a CA and server certificate instead of generating them (tests, restarts). */
  tls?: SimTlsMaterial;
  /** Called once per request; the CLI prints it on stderr. */
  log?: (entry: SimLogEntry) => void;
  /** Clock in ms, for JWT ages and 410 timestamps. */
  now?: () => number;
  /** How many deliveries the log keeps (the total count is kept regardless). Default 10,000. */
  maxDeliveries?: number;
  /** Bind unknown device tokens to the environment and topic of their first push instead of BadDeviceToken. */
  autoRegister?: boolean;
  /** When set, client certificates must be issued by one of these CAs, else BadCertificate. */
  trustedClientCaPems?: string[];
  /** A connection replacing its JWT sooner than this gets 429 TooManyProviderTokenUpdates (Apple: 20 min); 0 (default) = never. */
  minTokenUpdateIntervalMs?: number;
  /** Send GOAWAY {"reason":"IdleTimeout"} on connections idle this long; 0 (default) = never. */
  idleTimeoutMs?: number;
}

export interface ApnsSim {
  host: string;
  developmentPort: number;
  productionPort: number;
  developmentUrl: string;
  productionUrl: string;
  /** The CA clients must trust (`--apns-ca`, node-apn's `ca`, curl's `--cacert`). */
  caPem: string;
  /** Absolute path of the CA file, when `stateDir` was given. */
  caFile?: string;
  tls: SimTlsMaterial;
  state: SimState;
  urlFor(environment: SimEnvironment): string;
  close(): Promise<void>;
}

interface Endpoint {
  server: Http2SecureServer;
  sessions: Set<ServerHttp2Session>;
  port: number;
}

function listen(server: Http2SecureServer, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

async function startEndpoint(environment: SimEnvironment, port: number, host: string, tls: SimTlsMaterial, opts: ApnsSimOptions, state: SimState): Promise<Endpoint> {
  const server = createSecureServer({
    key: tls.keyPem,
    cert: tls.certPem,
    // Ask for a client certificate but judge it ourselves, so a bad one gets APNs' 403, not a TLS alert.
    requestCert: true,
    rejectUnauthorized: false,
    allowHTTP1: false,
    settings: { maxConcurrentStreams: 1000 },
  });
  const sessions = new Set<ServerHttp2Session>();
  const ctx = {
    environment,
    state,
    now: opts.now ?? Date.now,
    // A simulator on its own clock says so in `date`, as a server whose clock differs would.
    ...(opts.now ? { date: () => new Date((opts.now as () => number)()).toUTCString() } : {}),
    log: opts.log,
    trustedClientCaPems: opts.trustedClientCaPems ?? [],
    policy: { minTokenUpdateIntervalMs: opts.minTokenUpdateIntervalMs ?? 0 },
  };
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('error', () => undefined);
    session.once('close', () => sessions.delete(session));
    if (opts.idleTimeoutMs) {
      session.setTimeout(opts.idleTimeoutMs, () => {
        session.goaway(constants.NGHTTP2_NO_ERROR, 0, Buffer.from(JSON.stringify({ reason: 'IdleTimeout' })));
        session.close();
      });
    }
  });
  // Node passes the raw header list as a 4th argument (not in its typings): needed to see duplicates.
  server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, _flags: number, rawHeaders?: string[]) => {
    void handleStream(stream, headers, Array.isArray(rawHeaders) ? rawHeaders : [], ctx);
  });
  // Handshake failures and protocol errors are the client's problem; the server keeps running.
  server.on('tlsClientError', () => undefined);
  server.on('sessionError', () => undefined);
  server.on('error', () => undefined);
  const actualPort = await listen(server, port, host);
  return { server, sessions, port: actualPort };
}

async function stopEndpoint(endpoint: Endpoint): Promise<void> {
  for (const session of endpoint.sessions) session.destroy();
  await new Promise<void>((done) => endpoint.server.close(() => done()));
}

const urlOf = (host: string, port: number) => `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** Starts both endpoints. Rejects (after cleaning up) when a port is taken. */
export async function startApnsSim(opts: ApnsSimOptions = {}): Promise<ApnsSim> {
  const host = opts.host ?? '127.0.0.1';
  const tls = opts.tls ?? generateSimTls();
  const state = new SimState(opts.maxDeliveries, opts.autoRegister ?? false);

  let caFile: string | undefined;
  if (opts.stateDir) {
    const dir = resolve(opts.stateDir);
    makeDirectory(dir);
    caFile = join(dir, SIM_CA_FILE_NAME);
    await writeFile(caFile, tls.caPem, { mode: 0o644 });
  }

  const development = await startEndpoint('development', opts.developmentPort ?? 0, host, tls, opts, state);
  let production: Endpoint;
  try {
    production = await startEndpoint('production', opts.productionPort ?? 0, host, tls, opts, state);
  } catch (error) {
    await stopEndpoint(development);
    throw error;
  }

  const urls = { development: urlOf(host, development.port), production: urlOf(host, production.port) };
  let closing: Promise<void> | undefined;
  return {
    host,
    developmentPort: development.port,
    productionPort: production.port,
    developmentUrl: urls.development,
    productionUrl: urls.production,
    caPem: tls.caPem,
    caFile,
    tls,
    state,
    urlFor: (environment) => urls[environment],
    close: () => (closing ??= Promise.all([stopEndpoint(development), stopEndpoint(production)]).then(() => undefined)),
  };
}
