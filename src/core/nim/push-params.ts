/**
 * Reading the push parameters of `msg/sendMsg` and `msg/sendAttachMsg` from a form.
 * Older docs spell them in lower case (`pushcontent`), the Java SDK in camel case
 * (`pushContent`): both are accepted, by looking names up case-insensitively.
 */
import { NIM_LIMITS, countChars } from './limits.js';

export type Form = Record<string, string>;

export interface PushOptions {
  push: boolean;
  badge: boolean;
  needPushNick: boolean;
  route: boolean;
  persistent: boolean;
}

export interface PushParams {
  pushcontent?: string;
  /** The NIM push payload (an object); `pushTitle` and `apsField` are read from it. */
  payload?: Record<string, unknown>;
  option: PushOptions;
  forcePushAll: boolean;
  forcePushList: string[];
  forcePushContent?: string;
  sound?: string;
}

/** A documented NIM rejection: `code` and `desc` go straight into the response. */
export interface ParamError {
  code: number;
  desc: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParamError };

/** Each form's keys by their lower-case spelling (the first key wins), made once per form: forms are not changed once read. */
const lowerKeysOf = new WeakMap<Form, Map<string, string>>();
function lowerKeys(form: Form): Map<string, string> {
  let keys = lowerKeysOf.get(form);
  if (!keys) {
    keys = new Map();
    for (const key of Object.keys(form)) {
      const lower = key.toLowerCase();
      if (!keys.has(lower)) keys.set(lower, key);
    }
    lowerKeysOf.set(form, keys);
  }
  return keys;
}

/**
 * The value of the first of `names` present in the form: spelled exactly, else compared
 * case-insensitively. Most parameters are absent, and the relay reads a dozen per message, so
 * the form's lower-case key index is built once.
 */
export function readParam(form: Form, ...names: string[]): string | undefined {
  for (const name of names) {
    if (Object.hasOwn(form, name)) return form[name];
  }
  const keys = lowerKeys(form);
  for (const name of names) {
    const key = keys.get(name.toLowerCase());
    if (key !== undefined) return form[key];
  }
  return undefined;
}

/** JSON text that must parse to a plain object; undefined input stays undefined. */
export function parseJsonObject(text: string | undefined, field: string): Parsed<Record<string, unknown> | undefined> {
  if (text === undefined || text === '') return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // falls through to the documented parameter error
  }
  return { ok: false, error: { code: 414, desc: `${field} is not a JSON object` } };
}

const parseBool = (text: string | undefined, fallback: boolean): boolean =>
  text === undefined || text === '' ? fallback : text === 'true' || text === '1';

const tooLong = (field: string, limit: number): ParamError => ({ code: 405, desc: `${field} longer than ${limit} characters` });

/** Reads and validates the push parameters; `kind` decides the `needPushNick` default. */
export function readPushParams(form: Form, kind: 'msg' | 'attach'): Parsed<PushParams> {
  const pushcontent = readParam(form, 'pushcontent', 'pushContent');
  if (pushcontent !== undefined && countChars(pushcontent) > NIM_LIMITS.pushcontent) {
    return { ok: false, error: tooLong('pushcontent', NIM_LIMITS.pushcontent) };
  }
  const payloadText = readParam(form, 'payload');
  if (payloadText !== undefined && countChars(payloadText) > NIM_LIMITS.payload) {
    return { ok: false, error: tooLong('payload', NIM_LIMITS.payload) };
  }
  const payload = parseJsonObject(payloadText, 'payload');
  if (!payload.ok) return payload;
  const option = parseJsonObject(readParam(form, 'option'), 'option');
  if (!option.ok) return option;
  const opt = option.value ?? {};
  const flag = (key: string, fallback: boolean): boolean => (typeof opt[key] === 'boolean' ? (opt[key] as boolean) : fallback);

  const forceAll = readParam(form, 'forcepushall', 'forcePushAll', 'isForcePush');
  const forceListText = readParam(form, 'forcepushlist', 'forcePushList');
  let forcePushList: string[] = [];
  if (forceListText) {
    try {
      const list: unknown = JSON.parse(forceListText);
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) throw new Error('not a list');
      forcePushList = list as string[];
    } catch {
      return { ok: false, error: { code: 414, desc: 'forcepushlist is not a JSON array of accids' } };
    }
  }
  const forcePushContent = readParam(form, 'forcepushcontent', 'forcePushContent');
  if (forcePushContent !== undefined && countChars(forcePushContent) > NIM_LIMITS.forcepushcontent) {
    return { ok: false, error: tooLong('forcepushcontent', NIM_LIMITS.forcepushcontent) };
  }
  return {
    ok: true,
    value: {
      pushcontent: pushcontent || undefined,
      payload: payload.value,
      option: {
        push: flag('push', true),
        badge: flag('badge', true),
        // sendAttachMsg documents needPushNick as false by default.
        needPushNick: flag('needPushNick', kind === 'msg'),
        route: flag('route', true),
        persistent: flag('persistent', true),
      },
      forcePushAll: parseBool(forceAll, false),
      forcePushList,
      forcePushContent: forcePushContent || undefined,
      sound: readParam(form, 'sound') || undefined,
    },
  };
}
