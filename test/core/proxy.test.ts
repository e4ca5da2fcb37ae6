/** Which proxy a request takes, as curl and undici read the environment; credentials never shown. */
import { describe, expect, it } from 'vitest';
import { parseProxy, redactProxyCredentials, selectProxy, ProxyUrlError } from '../../src/core/proxy.js';

const APPLE = 'https://api.push.apple.com';
const NIM = 'https://api-cn.yunxinapi.com/nimserver';

describe('selectProxy', () => {
  it('https targets take HTTPS_PROXY, lower case first, then fall back to HTTP_PROXY', () => {
    expect(selectProxy(APPLE, { env: { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' } })?.host).toBe('lower');
    expect(selectProxy(APPLE, { env: { HTTPS_PROXY: 'http://upper:1' } })?.port).toBe(1);
    expect(selectProxy(APPLE, { env: { HTTP_PROXY: 'http://plain:3' } })?.host).toBe('plain');
    expect(selectProxy(APPLE, { env: {} })).toBeUndefined();
  });

  it('http targets take only HTTP_PROXY', () => {
    expect(selectProxy('http://127.0.0.1:8080/nimserver', { env: { HTTPS_PROXY: 'http://p:1' } })).toBeUndefined();
    expect(selectProxy('http://relay.example:8080', { env: { http_proxy: 'p:8' } })).toMatchObject({ host: 'p', port: 8 });
  });

  it('--proxy wins over the environment', () => {
    expect(selectProxy(NIM, { flag: 'http://flag:9', env: { HTTPS_PROXY: 'http://env:1' } })?.host).toBe('flag');
  });

  it('NO_PROXY: a host and its subdomains, an optional port, * for all; anything else goes through', () => {
    const env = { HTTPS_PROXY: 'http://p:1' };
    expect(selectProxy(NIM, { env: { ...env, NO_PROXY: 'yunxinapi.com' } })).toBeUndefined();
    expect(selectProxy(NIM, { env: { ...env, no_proxy: '.yunxinapi.com' } })).toBeUndefined();
    expect(selectProxy(NIM, { env: { ...env, NO_PROXY: 'api-cn.yunxinapi.com:443' } })).toBeUndefined();
    expect(selectProxy(NIM, { env: { ...env, NO_PROXY: 'api-cn.yunxinapi.com:8443' } })).toBeDefined();
    expect(selectProxy(NIM, { env: { ...env, NO_PROXY: 'xunxinapi.com,apple.com' } })).toBeDefined();
    expect(selectProxy(APPLE, { env: { ...env, NO_PROXY: 'localhost, apple.com' } })).toBeUndefined();
    expect(selectProxy(APPLE, { env: { ...env, NO_PROXY: '*' } })).toBeUndefined();
    expect(selectProxy(APPLE, { flag: 'http://flag:9', env: { NO_PROXY: 'push.apple.com' } })).toBeUndefined();
  });

  it('a proxy URL that cannot be used is refused with its password hidden', () => {
    let error: unknown;
    try {
      selectProxy(APPLE, { env: { HTTPS_PROXY: 'socks5://u:hunter2@p:1080' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProxyUrlError);
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('credentials', () => {
  it('are decoded for Proxy-Authorization and never in the shown form', () => {
    const p = parseProxy('http://corp%40user:p%3Ass@proxy.example:3128');
    expect(p).toMatchObject({ host: 'proxy.example', port: 3128, auth: 'corp@user:p:ss', shown: 'http://corp%40user:••••@proxy.example:3128' });
    expect(parseProxy('proxy.example')).toMatchObject({ port: 80, shown: 'http://proxy.example' });
  });

  it('are replaced in any text', () => {
    expect(redactProxyCredentials('via http://u:hunter2@p:1 and u2:pw@host')).toBe('via http://u:••••@p:1 and u2:••••@host');
  });
});
