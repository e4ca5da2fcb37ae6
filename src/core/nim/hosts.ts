/**
 * Where the NIM server API lives, as NetEase's own server SDK (yunxin-server-sdk-golang v1.0.0,
 * `src/core/base/constants.go`) has it: one base per region, v1 `.action` paths and v2 `/im/v2/…`
 * paths under it, and backup hosts to fail over to.
 */

export type NimRegion = 'nim' | 'nim-sg';

export interface NimHosts {
  /** Tried first. */
  primary: string;
  /** Tried, in order, when a request must be retried on another host. */
  backups: string[];
}

const region = (prefix: string): NimHosts => ({
  primary: `https://${prefix}.yunxinapi.com/nimserver`,
  backups: ['bak', '01', '02', '03'].map((suffix) => `https://${prefix}-${suffix}.yunxinapi.com/nimserver`),
});

export const NIM_REGIONS: Readonly<Record<NimRegion, NimHosts>> = Object.freeze({
  nim: region('api-cn'),
  'nim-sg': region('api-sg'),
});

/** The base URL shown for a relay keyword. */
export const RELAY_HOSTS: Readonly<Record<NimRegion, string>> = Object.freeze({
  nim: NIM_REGIONS.nim.primary,
  'nim-sg': NIM_REGIONS['nim-sg'].primary,
});

export const isNimRegion = (value: string): value is NimRegion => value === 'nim' || value === 'nim-sg';

/** Hosts of older docs and profiles (`api.netease.im`): they stand for their region. */
const LEGACY_HOSTS: Readonly<Record<string, NimRegion>> = Object.freeze({
  'api.netease.im': 'nim',
  'api.yunxinapi.com': 'nim',
  'api-sg.netease.im': 'nim-sg',
});

/** The region a URL on a NetEase host belongs to, for the SDK's hosts and backups. */
export function regionOfUrl(url: string): NimRegion | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  if (LEGACY_HOSTS[host]) return LEGACY_HOSTS[host];
  if (/^api-sg(-[a-z0-9]+)?\.yunxinapi\.com$/.test(host)) return 'nim-sg';
  if (/^api-cn(-[a-z0-9]+)?\.yunxinapi\.com$/.test(host)) return 'nim';
  return undefined;
}

/** A NetEase host: it serves only NetEase's documented API, never nim-push's own. */
export function isNimCloudUrl(url: string): boolean {
  try {
    return /(^|\.)netease\.im$|(^|\.)yunxinapi\.com$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
