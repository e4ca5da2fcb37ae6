/** v2 `push_config` as the engine's push parameters (the same ones v1's form gives), and back. */
import { NIM_LIMITS } from './limits.js';
import { parseJsonObject, type Parsed, type PushParams } from './push-params.js';
import type { PushConfigV2 } from './wire-v2.js';

const tooLong = (field: string, limit: number) => ({ ok: false as const, error: { code: 414, desc: `${field} longer than ${limit} characters` } });
const flag = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

/** Reads a v2 `push_config` (JSON `null` means the default, as the SDK sends it). */
export function readPushConfigV2(config: unknown, opts: { nickDefault: boolean; badge?: boolean; sound?: string }): Parsed<PushParams> {
  if (config !== undefined && config !== null && (typeof config !== 'object' || Array.isArray(config))) return { ok: false, error: { code: 414, desc: 'push_config is not an object' } };
  const c = (config ?? {}) as Record<string, unknown>;
  const content = typeof c.push_content === 'string' ? c.push_content : undefined;
  if (content !== undefined && content.length > NIM_LIMITS.pushcontent) return tooLong('push_config.push_content', NIM_LIMITS.pushcontent);
  const payloadText = typeof c.push_payload === 'string' ? c.push_payload : undefined;
  if (c.push_payload !== undefined && c.push_payload !== null && payloadText === undefined) return { ok: false, error: { code: 414, desc: 'push_config.push_payload must be JSON text (a string)' } };
  if (payloadText !== undefined && payloadText.length > NIM_LIMITS.payload) return tooLong('push_config.push_payload', NIM_LIMITS.payload);
  const payload = parseJsonObject(payloadText, 'push_config.push_payload');
  if (!payload.ok) return { ok: false, error: { code: 414, desc: payload.error.desc } };
  const ids = c.push_forcepush_ids;
  if (ids !== undefined && ids !== null && !(Array.isArray(ids) && ids.every((x) => typeof x === 'string'))) return { ok: false, error: { code: 414, desc: 'push_config.push_forcepush_ids is not an array of account ids' } };
  const forceContent = typeof c.push_forcepush_content === 'string' ? c.push_forcepush_content : undefined;
  if (forceContent !== undefined && forceContent.length > NIM_LIMITS.forcepushcontent) return tooLong('push_config.push_forcepush_content', NIM_LIMITS.forcepushcontent);
  // push_forcepush_enable switches force push on; without it the list and the all-flag do nothing.
  const forceEnabled = c.push_forcepush_enable === undefined || c.push_forcepush_enable === null ? Boolean(c.push_forcepush_all) || (Array.isArray(ids) && ids.length > 0) : c.push_forcepush_enable === true;
  return {
    ok: true,
    value: {
      pushcontent: content || undefined,
      payload: payload.value,
      option: { push: flag(c.push_enabled, true), badge: opts.badge ?? true, needPushNick: flag(c.push_nick_enabled, opts.nickDefault), route: true, persistent: true },
      forcePushAll: forceEnabled && c.push_forcepush_all === true,
      forcePushList: forceEnabled && Array.isArray(ids) ? (ids as string[]) : [],
      forcePushContent: forceContent || undefined,
      sound: opts.sound,
    },
  };
}

/** The `push_config` that says what the given parameters say (for `send` over v2). */
export function toPushConfigV2(p: { pushEnabled: boolean; nick: boolean; content?: string; payload?: string; forceAll?: boolean; forceContent?: string }): PushConfigV2 | undefined {
  const config: PushConfigV2 = {};
  if (!p.pushEnabled) config.push_enabled = false;
  if (!p.nick) config.push_nick_enabled = false;
  if (p.content !== undefined) config.push_content = p.content;
  if (p.payload !== undefined) config.push_payload = p.payload;
  if (p.forceAll) {
    config.push_forcepush_enable = true;
    config.push_forcepush_all = true;
  }
  if (p.forceContent !== undefined) config.push_forcepush_content = p.forceContent;
  return Object.keys(config).length ? config : undefined;
}
