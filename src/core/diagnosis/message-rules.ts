/** Rules about the message itself: its push options and NIM's size limits. */
import { issue, type Issue } from '../finding.js';
import type { Rule } from './rule.js';

/** `pushcontent`/`forcepushcontent` limit of `msg/sendMsg.action` and `apnsContent` in the SDK headers. */
export const PUSH_CONTENT_MAX = 500;
/** `payload` limit of `msg/sendMsg.action` (`apnsPayload` ≤ 2 KB in the SDK). */
export const NIM_PAYLOAD_MAX = 2048;

/*
 * Lengths are UTF-16 code units (`String.length`), which is how NSString and Java strings count
 * "characters"; an emoji counts as two, as it does for the SDK.
 */

export const pushDisabledRule: Rule = {
  id: 'message.push-disabled',
  group: 'message',
  severity: 'error',
  needs: ['pushEnabled'],
  evaluate: (f) => (f.pushEnabled?.value === false ? issue('message.push-disabled') : null),
};

export const pushContentRule: Rule = {
  id: 'pushcontent.too-long',
  group: 'message',
  severity: 'error',
  needs: ['pushContent', 'forcePushContent'],
  evaluate: (f) => {
    const found: Issue[] = [];
    const texts = [
      ['pushcontent', f.pushContent?.value],
      ['forcepushcontent', f.forcePushContent?.value],
    ] as const;
    for (const [field, text] of texts) {
      if (text !== undefined && text.length > PUSH_CONTENT_MAX) {
        found.push(issue('pushcontent.too-long', { field, length: text.length, max: PUSH_CONTENT_MAX }));
      }
    }
    return found.length ? found : null;
  },
};

export const nimPayloadRule: Rule = {
  id: 'nim-payload.too-long',
  group: 'message',
  severity: 'error',
  needs: ['payload'],
  evaluate: (f) => {
    const length = f.payload?.value.length ?? 0;
    return length > NIM_PAYLOAD_MAX ? issue('nim-payload.too-long', { length, max: NIM_PAYLOAD_MAX }) : null;
  },
};

/** A background push with no alert text: it fires, but the user sees nothing. Context, not a fault. */
export const silentRule: Rule = {
  id: 'message.silent',
  group: 'message',
  severity: 'info',
  needs: ['contentAvailable', 'pushContent'],
  evaluate: (f) => (f.contentAvailable?.value && !f.pushContent?.value.trim() ? issue('message.silent', { pushType: 'background' }) : null),
};
