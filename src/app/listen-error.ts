/** A server that cannot listen: the address, the port(s) and why, as a usage error. */
import { bilingual, UsageError } from '../core/errors.js';

const WHY: Record<string, [string, string]> = {
  EADDRINUSE: ['the port is already in use', '端口已被占用'],
  EACCES: ['permission denied (ports below 1024 need privileges)', '没有权限(1024 以下的端口需要特权)'],
  EADDRNOTAVAIL: ['no such address on this machine', '本机没有这个地址'],
};

export function listenError(error: NodeJS.ErrnoException, host: string, ports: number[], code: string): Error {
  const why = error.code ? WHY[error.code] : undefined;
  if (!why) return error;
  // Node names the port it failed on; otherwise the ones asked for.
  const port = (error as { port?: number }).port ?? ports.find((p) => p !== 0) ?? 0;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new UsageError(bilingual(`Cannot listen on ${where}: ${why[0]} (${error.code}).`, `无法在 ${where} 上监听:${why[1]}(${error.code})。`), code, { host, port, reason: error.code });
}
