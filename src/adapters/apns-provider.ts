/**
 * Creates a @parse/node-apn Provider for an environment and endpoint.
 *
 * node-apn decides the environment from `address` (any other host means development, and a
 * production-only certificate is then refused). To reach a local or other APNs-compatible
 * server we keep Apple's host name as `address`, set `port`, resolve the host with our own
 * `lookup` and verify the server against the URL's host as well: node-apn hands these options
 * on to `http2.connect`/`tls.connect`, so both environments work against any endpoint.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import apn from '@parse/node-apn';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import { issue, type Issue } from '../core/finding.js';
import { APNS_HOSTS, type ApnsEnvironment } from '../core/profile.js';
import type { ProxySetting } from '../core/proxy.js';
import { patchGracefulSessions } from './apns-session-patch.js';
import { tunnelledTls, type ProxyTunnelError } from './proxy-tunnel.js';

export interface ApnsEndpointOptions {
  environment: ApnsEnvironment;
  /** `https://host:port` of an APNs-compatible server (e.g. the simulator); default: Apple's host. */
  apnsUrl?: string;
  /** PEM CA(s) to trust for that server. */
  ca?: string | string[];
  /** Skip TLS server verification (explicit opt-in for ad-hoc endpoints). */
  insecure?: boolean;
  /** Per-request timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** HTTP/2 connections to spread requests over; default 1. */
  connections?: number;
  /** An HTTP proxy to tunnel every connection through (HTTP CONNECT). */
  proxy?: ProxySetting;
  /** Told when a tunnel opens (for --verbose). */
  onProxyOpen?: (line: string) => void;
  /** Told when the proxy did not open a tunnel. */
  onProxyError?: (error: ProxyTunnelError) => void;
}

/** The credential cannot be used at all (wrong environment, expired, unreadable key). */
export class ApnsSetupError extends Error {
  constructor(readonly finding: Issue, detail: string) {
    super(detail);
    this.name = 'ApnsSetupError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Resolves every name to the endpoint's host, so TLS and `:authority` still say Apple's host. */
function lookupTo(host: string) {
  return (_name: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    const family = isIP(host);
    if (family) {
      if (options?.all) callback(null, [{ address: host, family }]);
      else callback(null, host, family);
      return;
    }
    dnsLookup(host, { all: options?.all === true, family: options?.family ?? 0 }, (err, address, family) =>
      callback(err, address as string | LookupAddress[], family));
  };
}

/** Accepts a server certificate valid for either the URL's host or Apple's host name. */
function identityCheck(urlHost: string) {
  return (appleHost: string, cert: PeerCertificate): Error | undefined =>
    checkServerIdentity(urlHost, cert) && checkServerIdentity(appleHost, cert);
}

/** `host:port` of the endpoint, as a proxy is asked to CONNECT to it. */
export function endpointAuthority(opts: Pick<ApnsEndpointOptions, 'environment' | 'apnsUrl'>): string {
  if (!opts.apnsUrl) return `${APNS_HOSTS[opts.environment]}:443`;
  const url = new URL(opts.apnsUrl);
  return `${url.hostname}:${url.port || 443}`;
}

/** node-apn Provider options for the endpoint (without credentials). */
export function endpointOptions(opts: ApnsEndpointOptions): Record<string, unknown> {
  const address = APNS_HOSTS[opts.environment];
  const options: Record<string, unknown> = {
    address,
    production: opts.environment === 'production',
    requestTimeout: opts.requestTimeoutMs ?? 10_000,
    // Retries belong to the sender (back-off, jitter, fresh connections); node-apn's own retry
    // repeats immediately on the same session and would multiply attempts.
    connectionRetryLimit: 0,
  };
  if (opts.ca !== undefined) options.ca = Array.isArray(opts.ca) ? opts.ca : [opts.ca];
  if (opts.insecure) options.rejectUnauthorized = false;
  if (opts.apnsUrl) {
    const url = new URL(opts.apnsUrl);
    if (url.protocol !== 'https:') throw new TypeError(`--apns-url must be an https:// URL, got ${url.protocol}`);
    options.port = url.port ? Number(url.port) : 443;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host !== address) {
      options.lookup = lookupTo(host);
      options.checkServerIdentity = identityCheck(host);
    }
  }
  if (opts.proxy) {
    // The proxy resolves and reaches the endpoint; TLS inside the tunnel is checked as above.
    delete options.lookup;
    options.createConnection = tunnelledTls({
      proxy: opts.proxy,
      target: endpointAuthority(opts),
      timeoutMs: opts.requestTimeoutMs ?? 10_000,
      onOpen: opts.onProxyOpen,
      onError: opts.onProxyError,
    });
  }
  return options;
}

function credentialOptions(material: ApnMaterial): Record<string, unknown> {
  if (material.kind === 'token') {
    return { token: { key: material.keyPem, keyId: material.keyId, teamId: material.teamId } };
  }
  return { cert: material.certPem, key: material.keyPem };
}

/** Turns node-apn's credential validation errors into the finding that explains them. */
function setupFinding(message: string, material: ApnMaterial, environment: ApnsEnvironment): Issue {
  if (/does not support configured environment/.test(message)) {
    const other = environment === 'production' ? 'development' : 'production';
    return issue('cert.env-mismatch', { certEnv: other, expected: environment });
  }
  const expired = /has expired: (\S+)/.exec(message);
  if (expired) {
    const days = Math.max(0, Math.floor((Date.now() - Date.parse(expired[1])) / 86_400_000));
    return issue('cert.expired', { notAfter: expired[1].slice(0, 10), days });
  }
  if (/do not match/.test(message)) return issue('p12.key-mismatch');
  if (material.kind === 'token') return issue('p8.unreadable', { reason: 'rejected-by-client' });
  return issue('p12.no-certificate', { reason: 'rejected-by-client' });
}

/** What node-apn's `send` resolves to; entries keep the response headers node-apn saw. */
export interface NodeApnResult {
  sent: Array<Record<string, unknown>>;
  failed: Array<Record<string, unknown>>;
}

export interface ApnsProvider {
  send(notification: apn.Notification, recipients: string | string[]): Promise<NodeApnResult>;
  shutdown(callback?: () => void): void;
}

/** A Provider (or MultiProvider for several connections); throws ApnsSetupError for unusable credentials. */
export function createProvider(material: ApnMaterial, opts: ApnsEndpointOptions): ApnsProvider {
  const options = { ...endpointOptions(opts), ...credentialOptions(material) } as apn.ProviderOptions;
  const connections = Math.max(1, Math.floor(opts.connections ?? 1));
  let provider: apn.Provider | apn.MultiProvider;
  try {
    provider = connections > 1
      ? new apn.MultiProvider({ ...options, clientCount: connections } as apn.MultiProviderOptions)
      : new apn.Provider(options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ApnsSetupError(setupFinding(message, material, opts.environment), message);
  }
  patchGracefulSessions(provider);
  return provider as unknown as ApnsProvider;
}
