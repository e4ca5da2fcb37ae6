/** One stderr line per simulator request, for `nim-push apns-sim`. */
import type { SimLogEntry } from './stream-handler.js';

const ENV_LABEL = { development: 'dev ', production: 'prod' } as const;

/** e.g. `2025-01-01T10:00:00.000Z dev  POST /3/device/ab12… 400 BadDeviceToken` */
export function formatSimLogEntry(entry: SimLogEntry): string {
  // Device tokens are not secrets, but full 64-hex paths drown the line.
  const path = entry.path.replace(/^(\/3\/device\/[0-9a-fA-F]{8})[0-9a-fA-F]{8,}/, '$1…');
  const parts = [entry.time, ENV_LABEL[entry.environment], entry.method, path, String(entry.status)];
  if (entry.reason) parts.push(entry.reason);
  if (entry.fault) parts.push('(injected)');
  return parts.join(' ');
}
