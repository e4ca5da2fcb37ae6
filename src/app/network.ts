/** Which proxy, if any, carries a request of this run: `--proxy`, else the environment. */
import type { Context } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import { ProxyUrlError, selectProxy, type ProxySetting } from '../core/proxy.js';

/** The proxy for `target` (a URL), logged with --verbose; a proxy URL that cannot be used is a usage error. */
export function proxyFor(target: string, ctx: Pick<Context, 'proxy' | 'env' | 'log'>): ProxySetting | undefined {
  let proxy: ProxySetting | undefined;
  try {
    proxy = selectProxy(target, { flag: ctx.proxy, env: ctx.env });
  } catch (error) {
    if (!(error instanceof ProxyUrlError)) throw error;
    throw new UsageError(
      bilingual(
        `The proxy ${error.message} is not an http:// proxy URL (like http://user:password@proxy.example.com:8080).`,
        `代理 ${error.message} 不是 http:// 代理地址(例如 http://user:password@proxy.example.com:8080)。`,
      ),
      'usage',
      { flag: '--proxy' },
    );
  }
  const host = new URL(target).host;
  ctx.log.debug(proxy ? `proxy: ${host} through ${proxy.shown}` : `proxy: ${host} direct`);
  return proxy;
}
