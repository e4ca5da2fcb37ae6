/**
 * The options of `send --to`, as NIM can carry them: the NIM push payload (custom keys,
 * `pushTitle`, and `apsField`, which NIM merges into `aps`: sound, badge, category, thread-id,
 * mutable-content, content-available), the push text, NIM's message options and force push.
 */
import { issue, type Issue } from '../finding.js';

export interface NimSendOptions {
  from: string;
  to: string;
  text?: string;
  pushText?: string;
  title?: string;
  /** JSON text of the NIM push payload. */
  payload?: string;
  /** Object merged into `aps` (NIM's `apsField`). */
  apsField?: Record<string, unknown>;
  sound?: string;
  /** A fixed badge number (through apsField: it replaces the unread count NIM would show). */
  badge?: number;
  category?: string;
  threadId?: string;
  mutableContent?: boolean;
  contentAvailable?: boolean;
  noPush?: boolean;
  noNick?: boolean;
  noBadge?: boolean;
  forcePush?: boolean;
  forcePushText?: string;
  /** Only deliver between friends (v1 `checkFriend`, v2 `p2p_option.check_friend`). */
  checkFriend?: boolean;
  /** Send a custom system notification instead of a text message. */
  attach?: boolean;
}

/** The `apsField` the flags ask for, over the one the payload already has. */
function apsFieldOf(opts: NimSendOptions, existing: unknown): Record<string, unknown> | undefined {
  const aps: Record<string, unknown> = existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>) } : {};
  Object.assign(aps, opts.apsField);
  // A notification has its own `sound` parameter; a message carries the sound in apsField.
  if (opts.sound !== undefined && !opts.attach) aps.sound = opts.sound;
  if (opts.badge !== undefined) aps.badge = opts.badge;
  if (opts.category !== undefined) aps.category = opts.category;
  if (opts.threadId !== undefined) aps['thread-id'] = opts.threadId;
  if (opts.mutableContent) aps['mutable-content'] = 1;
  if (opts.contentAvailable) aps['content-available'] = 1;
  return Object.keys(aps).length ? aps : existing === undefined ? undefined : aps;
}

/** The NIM push payload as JSON text, or the finding that says why the given one cannot be used. */
export function nimPayloadText(opts: NimSendOptions): { text?: string; issues: Issue[] } {
  let payload: Record<string, unknown> = {};
  if (opts.payload !== undefined && opts.payload !== '') {
    try {
      const parsed: unknown = JSON.parse(opts.payload);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      payload = parsed as Record<string, unknown>;
    } catch (error) {
      return { issues: [issue('payload.invalid-json', { field: 'payload', error: (error as Error).message })] };
    }
  }
  if (opts.title) payload.pushTitle = opts.title;
  const aps = apsFieldOf(opts, payload.apsField);
  // A malformed apsField from the payload is left as it is, for the lint to report.
  if (aps && (payload.apsField === undefined || (typeof payload.apsField === 'object' && payload.apsField !== null && !Array.isArray(payload.apsField)))) payload.apsField = aps;
  return { text: Object.keys(payload).length ? JSON.stringify(payload) : undefined, issues: [] };
}

export const messageBody = (opts: NimSendOptions): string => JSON.stringify({ msg: opts.text ?? 'hello' });
