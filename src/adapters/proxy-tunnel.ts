/**
 * HTTP/2 to APNs through an HTTP proxy: each connection node-apn opens becomes an HTTP CONNECT
 * tunnel (Node's own HTTP client speaks CONNECT and parses the answer), with TLS to the APNs
 * server inside it. Passed to node-apn as `createConnection`, which it hands to `http2.connect`
 * with every TLS option it was given (CA, client certificate, server identity check), so a
 * tunnelled connection is verified exactly as a direct one.
 *
 * node-apn's own `proxy` option is not used: it sends no Proxy-Authorization, accepts any
 * answer to CONNECT (a 407 included), has no timeout, and drops the TLS options above.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { ProxySetting } from '../core/proxy.js';

export const PROXY_ERROR_CODE = 'ERR_NIM_PUSH_PROXY';

/** The proxy did not open the tunnel: refused, unreachable, silent or an answer other than 200. */
export class ProxyTunnelError extends Error {
  readonly code = PROXY_ERROR_CODE;
  constructor(readonly proxy: string, readonly target: string, readonly reason: string) {
    super(`proxy ${proxy} did not tunnel to ${target}: ${reason}`);
    this.name = 'ProxyTunnelError';
  }
}

export interface TunnelOptions {
  proxy: ProxySetting;
  /** `host:port` to ask the proxy for. */
  target: string;
  /** How long the proxy has to answer CONNECT. */
  timeoutMs: number;
  /** Told once the tunnel is open (for --verbose) or when it failed. */
  onOpen?: (line: string) => void;
  onError?: (error: ProxyTunnelError) => void;
}

/**
 * A Duplex that is the tunnel: what is written before the proxy answered waits, then everything
 * passes through the proxy's socket both ways. TLS can start on it at once.
 */
class Tunnel extends Duplex {
  private socket?: Socket;
  private pending: Array<{ chunk: Buffer; callback: (error?: Error | null) => void }> = [];

  constructor(private readonly opts: TunnelOptions) {
    super();
    const { proxy, target, timeoutMs } = opts;
    const headers: Record<string, string> = { Host: target };
    if (proxy.auth) headers['Proxy-Authorization'] = `Basic ${Buffer.from(proxy.auth).toString('base64')}`;
    const req = request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: target, headers, timeout: timeoutMs, agent: false });
    const fail = (reason: string) => {
      const error = new ProxyTunnelError(proxy.shown, target, reason);
      opts.onError?.(error);
      this.destroy(error);
    };
    req.on('timeout', () => {
      req.destroy();
      fail(`no answer to CONNECT within ${timeoutMs} ms`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.socket) fail(error.code ?? error.message);
    });
    req.on('response', (res) => {
      // A proxy that answers CONNECT with a plain HTTP response refuses it (407, 403, 502…).
      res.resume();
      fail(`answered CONNECT with HTTP ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
    });
    req.on('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(`answered CONNECT with HTTP ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
        return;
      }
      req.setTimeout(0);
      socket.setTimeout(0);
      this.socket = socket;
      opts.onOpen?.(`proxy: ${proxy.shown} opened a tunnel to ${target}`);
      if (head.length) this.push(head);
      socket.on('data', (data: Buffer) => {
        if (!this.push(data)) socket.pause();
      });
      socket.on('end', () => this.push(null));
      socket.on('error', (error) => this.destroy(error));
      socket.on('close', () => this.destroy());
      for (const { chunk, callback } of this.pending.splice(0)) socket.write(chunk, callback);
    });
    req.end();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.socket) this.socket.write(chunk, callback);
    else this.pending.push({ chunk, callback });
  }

  override _read(): void {
    this.socket?.resume();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.socket) this.socket.end(callback);
    else callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket?.destroy();
    for (const { callback: pendingCallback } of this.pending.splice(0)) pendingCallback(error ?? new Error('tunnel closed'));
    callback(error);
  }
}

/** Opens a tunnel through the proxy; data may be written to it before it is open. */
export function openTunnel(opts: TunnelOptions): Duplex {
  return new Tunnel(opts);
}

/**
 * An `http2.connect` `createConnection` that tunnels every connection to `target` through the
 * proxy and runs TLS inside with the options http2 passes (ALPN h2, CA, client certificate,
 * server identity check, SNI).
 */
export function tunnelledTls(opts: TunnelOptions): (authority: URL, options: ConnectionOptions) => TLSSocket {
  return (authority, options) => {
    const { host: _host, port: _port, lookup: _lookup, path: _path, ...tlsOptions } = options as ConnectionOptions & { lookup?: unknown; path?: unknown };
    return tlsConnect({
      ...tlsOptions,
      socket: openTunnel(opts),
      servername: options.servername ?? authority.hostname,
      ALPNProtocols: ['h2'],
    });
  };
}
