/** The NIM request signature check: AppKey, Nonce, CurTime within ±5 minutes, CheckSum, no replay. */
import type { IncomingHttpHeaders } from 'node:http';
import { verifyCheckSum } from '../core/checksum.js';
import { NIM_LIMITS } from '../core/nim/limits.js';

export const CHECKSUM_WINDOW_S = 300;

export interface AuthFailure {
  code: number;
  desc: string;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** Remembers nonces seen inside the window; a second use is NIM's 431 "repeated HTTP request". */
export class NonceCache {
  private seen = new Map<string, number>();
  private lastSweep = 0;

  /** Returns false if the nonce was already used inside the window. */
  remember(nonce: string, nowS: number): boolean {
    if (nowS - this.lastSweep > 30) this.sweep(nowS);
    const expires = this.seen.get(nonce);
    if (expires !== undefined && expires > nowS) return false;
    // Kept for two windows: a CurTime up to 5 minutes in the future stays valid 10 minutes from now.
    this.seen.set(nonce, nowS + 2 * CHECKSUM_WINDOW_S);
    return true;
  }

  private sweep(nowS: number): void {
    this.lastSweep = nowS;
    for (const [nonce, expires] of this.seen) if (expires <= nowS) this.seen.delete(nonce);
  }
}

export interface AuthConfig {
  appKey: string;
  appSecret: string;
  nonces: NonceCache;
  nowMs: () => number;
}

/** Checks the four auth headers; undefined means the request is authentic and fresh. */
export function checkAuth(headers: IncomingHttpHeaders, cfg: AuthConfig): AuthFailure | undefined {
  const appKey = header(headers, 'AppKey');
  const nonce = header(headers, 'Nonce');
  const curTime = header(headers, 'CurTime');
  const checkSum = header(headers, 'CheckSum');
  if (!appKey || !nonce || !curTime || !checkSum) return { code: 414, desc: 'missing AppKey, Nonce, CurTime or CheckSum header' };
  if (nonce.length > NIM_LIMITS.nonce) return { code: 414, desc: 'Nonce longer than 128 characters' };
  // Compared through the CheckSum (which covers the key's secret) rather than leaking which key exists.
  if (!/^\d{1,12}$/.test(curTime)) return { code: 414, desc: 'bad CurTime' };
  const nowS = Math.floor(cfg.nowMs() / 1000);
  if (Math.abs(nowS - Number(curTime)) > CHECKSUM_WINDOW_S) return { code: 414, desc: 'CurTime outside the 5-minute window' };
  const keyOk = appKey === cfg.appKey;
  const sumOk = verifyCheckSum(cfg.appSecret, nonce, curTime, checkSum);
  if (!keyOk || !sumOk) return { code: 414, desc: keyOk ? 'bad CheckSum' : 'bad AppKey or CheckSum' };
  if (!cfg.nonces.remember(nonce, nowS)) return { code: 431, desc: 'repeated HTTP request (Nonce reused)' };
  return undefined;
}
