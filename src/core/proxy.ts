/**
 * Which proxy carries a request: `--proxy`, else the environment as curl and undici read it
 * (`https_proxy`/`HTTPS_PROXY` for https, falling back to the http proxy; `http_proxy`/`HTTP_PROXY`
 * for http; lower case first), unless `NO_PROXY` names the host (a host and its subdomains, an
 * optional port, or `*` for none). Credentials in a proxy URL are never shown.
 */

export interface ProxySetting {
  /** The URL as given (with any credentials): only adapters use it. */
  url: string;
  host: string;
  port: number;
  /** `user:password`, percent-decoded, when the URL has both. */
  auth?: string;
  /** The URL with its password replaced: safe for output and logs. */
  shown: string;
}

export function parseProxy(url: string): ProxySetting | undefined {
  let u: URL;
  try {
    u = new URL(url.includes('://') ? url : `http://${url}`);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:') return undefined;
  const auth = u.username && u.password ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` : undefined;
  const user = u.username ? `${u.username}${u.password ? ':••••' : ''}@` : '';
  const shown = `${u.protocol}//${user}${u.host}`;
  return { url: u.href, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80), ...(auth ? { auth } : {}), shown };
}

/** Replaces a proxy URL's password wherever it appears in a text. */
export function redactProxyCredentials(text: string): string {
  return text.replace(/(^|[\s/])([^:/@\s]+):[^/\s]+@/g, '$1$2:••••@');
}

const envOf = (env: Record<string, string | undefined>, name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

function bypassed(target: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]+/).map((e) => e.trim().toLowerCase()).filter(Boolean);
  if (entries.length === 1 && entries[0] === '*') return true;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  return entries.some((entry) => {
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = (m ? m[1] : entry).replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m && Number(m[2]) !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

export class ProxyUrlError extends Error {}

/** The proxy for a request to `target`, or undefined to go direct. Throws ProxyUrlError for a proxy URL that cannot be used. */
export function selectProxy(target: string, opts: { flag?: string; env: Record<string, string | undefined> }): ProxySetting | undefined {
  const url = new URL(target);
  const https = url.protocol === 'https:';
  const given = opts.flag ?? (https ? (envOf(opts.env, 'https_proxy') ?? envOf(opts.env, 'http_proxy')) : envOf(opts.env, 'http_proxy'));
  if (!given) return undefined;
  // --proxy is asked for by name; NO_PROXY still lets hosts go direct, as for the environment.
  if (bypassed(url, envOf(opts.env, 'no_proxy') ?? '')) return undefined;
  const proxy = parseProxy(given);
  if (!proxy) throw new ProxyUrlError(redactProxyCredentials(given));
  return proxy;
}
