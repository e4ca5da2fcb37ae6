/**
 * NIM server API v2 routing: `METHOD /im/v2…/{param}` templates, path segments percent-decoded
 * (NetEase's SDK sends `a|1|b` as `a%7C1%7Cb`). Answers are `{code, msg, data}`.
 */
import type { Handler } from './handler.js';
import { v2AccountRoutes } from './v2-accounts.js';
import { v2ContactRoutes } from './v2-contacts.js';
import { v2MessageRoutes } from './v2-messages.js';

export interface V2Target {
  api: 'v2';
  /** The template, e.g. `GET /im/v2/accounts/{account_id}`. */
  route: string;
  path: Record<string, string>;
  handler?: Handler;
  /** A send endpoint: rate-limited, and its refusals logged. */
  isSend: boolean;
  kind: 'msg' | 'attach';
}

const ROUTES: Record<string, Handler> = { ...v2AccountRoutes, ...v2ContactRoutes, ...v2MessageRoutes };
const SENDS: Record<string, 'msg' | 'attach'> = {
  'POST /im/v2/conversations/{conversation_id}/messages': 'msg',
  'POST /im/v2/custom_notification': 'attach',
};

interface Compiled {
  method: string;
  template: string;
  parts: string[];
}

const COMPILED: Compiled[] = Object.keys(ROUTES).map((key) => {
  const [method, template] = key.split(' ');
  return { method, template, parts: template.split('/') };
});

/** The route a v2 request goes to; `handler` is absent for an unknown path or method. */
export function resolveV2(pathname: string, method: string): V2Target {
  const parts = pathname.replace(/\/+$/, '').split('/');
  for (const route of COMPILED) {
    if (route.method !== method || route.parts.length !== parts.length) continue;
    const path: Record<string, string> = {};
    let matches = true;
    for (let i = 0; i < parts.length && matches; i++) {
      const want = route.parts[i];
      if (want.startsWith('{')) {
        try {
          path[want.slice(1, -1)] = decodeURIComponent(parts[i]);
        } catch {
          matches = false;
        }
      } else matches = want === parts[i];
    }
    if (!matches) continue;
    const key = `${method} ${route.template}`;
    return { api: 'v2', route: key, path, handler: ROUTES[key], isSend: key in SENDS, kind: SENDS[key] ?? 'msg' };
  }
  return { api: 'v2', route: `${method} ${pathname}`, path: {}, isSend: false, kind: 'msg' };
}
