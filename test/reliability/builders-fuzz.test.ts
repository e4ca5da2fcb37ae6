/**
 * Fuzzing (fixed seeds, ≥2,000 inputs per target) of the pure parsers and builders that take
 * user input: the token normaliser, the APNs message builder, `--expiry`, the relay send form
 * builder and the relay's own push-parameter reader. Every input ends in a result or a finding
 * from the catalogue (rendered in both languages), never an exception.
 */
import { describe, expect, it } from 'vitest';
import { normalizeToken } from '../../src/core/token.js';
import { buildMessage, type MessageOptions } from '../../src/core/apns/message.js';
import { prepareRecipient } from '../../src/core/apns/recipient.js';
import { parseExpiry } from '../../src/core/apns/expiry.js';
import { PUSH_TYPES } from '../../src/core/apns/push-type.js';
import { buildRelaySend, type RelaySendOptions } from '../../src/core/nim/send-form.js';
import { readPushParams } from '../../src/core/nim/push-params.js';
import { catalogue, describe as describeIssue } from '../../src/core/catalogue/index.js';
import type { Issue } from '../../src/core/finding.js';
import { createRng, type Rng } from './seeded-random.js';

const INPUTS = 2500;

/** Every issue must be a catalogue id carrying every param its messages use, in both languages. */
function expectRenderable(issues: Issue[]): void {
  for (const item of issues) {
    const entry = catalogue.get(item.id);
    expect(entry, item.id).toBeDefined();
    for (const lang of ['en', 'zh'] as const) {
      const templates = `${entry![lang].message} ${entry![lang].fix}`;
      for (const [, name] of templates.matchAll(/\{(\w+)\}/g)) expect(item.params?.[name], `${item.id} {${name}}`).toBeDefined();
      expect(describeIssue(item, lang).fix.length).toBeGreaterThan(0);
    }
  }
}

function randomToken(r: Rng): string {
  const hex = Array.from({ length: r.pick([0, 1, 7, 63, 64, 65, 80, 128, 200]) }, () => '0123456789abcdefABCDEF'[r.int(22)]).join('');
  switch (r.int(8)) {
    case 0: return hex;
    case 1: return `<${hex.replace(/(.{8})/g, '$1 ')}>`;
    case 2: return `  ${hex}\n\t`;
    case 3: return r.text(200);
    case 4: return `${r.text(20)}:APA91b${'x_-Z'.repeat(r.int(60))}`;
    case 5: return hex + r.pick(['-', 'g', '\u0000', '😀', '<', ' ']);
    case 6: return r.bytes(r.int(100)).toString('latin1');
    default: return hex.slice(0, r.int(hex.length + 1));
  }
}

const JSON_SNIPPETS = ['{}', '{"aps":{}}', '{"aps":1}', '[]', 'null', '"x"', '{"aps":{"alert":{"title":"t"}}}', '{"a":', '{"aps":{"content-available":1}}', '{"nim":{"a":[1,2]}}'];

function randomPayload(r: Rng): MessageOptions['payload'] {
  switch (r.int(6)) {
    case 0: return undefined;
    case 1: return r.pick(JSON_SNIPPETS);
    case 2: return r.text(300);
    case 3: return JSON.stringify({ big: 'x'.repeat(r.int(6000)) });
    case 4: return { aps: r.pick([{}, { alert: r.text(20) }, { alert: { body: 'b' } }, { sound: 'a' }]), k: r.text(10) };
    default: return JSON.stringify({ aps: { alert: r.text(50) }, extra: r.text(50) });
  }
}

const maybe = <T>(r: Rng, make: () => T): T | undefined => (r.next() < 0.5 ? undefined : make());

function randomMessageOptions(r: Rng): MessageOptions {
  return {
    text: maybe(r, () => r.text(100)),
    pushText: maybe(r, () => r.text(r.pick([10, 600, 5000]))),
    title: maybe(r, () => r.text(30)),
    subtitle: maybe(r, () => r.text(30)),
    badge: maybe(r, () => r.pick([0, 1, -1, 1.5, Number.NaN, 2 ** 40])),
    sound: maybe(r, () => r.text(10)),
    payload: randomPayload(r),
    category: maybe(r, () => r.text(10)),
    threadId: maybe(r, () => r.text(10)),
    collapseId: maybe(r, () => r.text(r.pick([10, 64, 100]))),
    priority: maybe(r, () => r.pick([10, 5, 1, 0, 7, -1, Number.NaN])),
    expiry: maybe(r, () => r.pick([0, 1767225600, -5, 1.5, Number.MAX_SAFE_INTEGER + 2])),
    pushType: maybe(r, () => (r.next() < 0.7 ? r.pick(PUSH_TYPES) : r.text(12))),
    mutableContent: maybe(r, () => r.next() < 0.5),
    contentAvailable: maybe(r, () => r.next() < 0.5),
    apnsId: maybe(r, () => (r.next() < 0.5 ? '123e4567-e89b-12d3-a456-426614174000' : r.text(40))),
  };
}

describe('token normaliser under fuzzing', () => {
  it(`turns ${INPUTS} random inputs (seed 9001) into a lower-case hex token or one error finding`, () => {
    const r = createRng(9001);
    let accepted = 0;
    for (let i = 0; i < INPUTS; i += 1) {
      const raw = randomToken(r);
      const result = normalizeToken(raw);
      expectRenderable(result.issues);
      if (result.token !== undefined) {
        accepted += 1;
        expect(result.token).toMatch(/^(?:[0-9a-f]{2})+$/);
        expect(result.issues.every((x) => x.id === 'token.normalized' || x.id === 'token.length-unusual')).toBe(true);
        // Normalising is idempotent: the normalised token needs no further change.
        expect(normalizeToken(result.token).token).toBe(result.token);
      } else {
        expect(result.issues.map((x) => x.id)).toHaveLength(1);
        expect(['token.invalid-format', 'token.looks-like-fcm']).toContain(result.issues[0].id);
      }
    }
    // Both branches were exercised, so the assertions above really ran.
    expect(accepted).toBeGreaterThan(INPUTS / 10);
    expect(accepted).toBeLessThan(INPUTS * 0.9);
  });
});

describe('APNs message builder under fuzzing', () => {
  it(`builds ${INPUTS} random option sets (seed 9002): a sendable message within limits, or an error finding`, () => {
    const r = createRng(9002);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < INPUTS; i += 1) {
      const opts = randomMessageOptions(r);
      const bundleId = r.next() < 0.95 ? 'com.example.chat' : r.pick(['', '  ', r.text(20)]);
      const built = buildMessage(opts, { bundleId });
      expectRenderable(built.issues);
      const hasError = built.issues.some((x) => describeIssue(x, 'en').severity === 'error');
      expect(built.ok).toBe(!hasError);
      if (built.ok) {
        outcomes.ok += 1;
        const message = built.message!;
        expect(message.body).toBe(JSON.stringify(message.payload));
        expect(message.size).toBe(Buffer.byteLength(message.body));
        expect(message.size).toBeLessThanOrEqual(message.limit);
        expect(message.headers['apns-topic'].startsWith(bundleId.trim())).toBe(true);
        expect(['10', '5', '1']).toContain(message.headers['apns-priority']);
        // The request for a token carries the same message.
        const prepared = prepareRecipient(randomToken(r), built);
        expectRenderable(prepared.findings);
        if (prepared.request) expect(prepared.request.path).toMatch(/^\/3\/device\/(?:[0-9a-f]{2})+$/);
      } else {
        outcomes.refused += 1;
        expect(hasError).toBe(true);
        // A refused message blocks every recipient with the same error.
        expect(prepareRecipient('a'.repeat(64), built).request).toBeUndefined();
      }
    }
    expect(outcomes.ok).toBeGreaterThan(INPUTS / 20);
    expect(outcomes.refused).toBeGreaterThan(INPUTS / 20);
  });

  it(`reads ${INPUTS} random --expiry values (seed 9003) as epoch seconds or as invalid`, () => {
    const r = createRng(9003);
    const now = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < INPUTS; i += 1) {
      const value = r.next() < 0.5 ? `${r.int(1e6)}${r.pick(['s', 'm', 'h', 'd', 'w', '', 'x', ' '])}` : r.text(25);
      const expiry = parseExpiry(value, now);
      if (expiry !== undefined) {
        expect(Number.isSafeInteger(expiry) && expiry >= 0).toBe(true);
        expect(buildMessage({ pushText: 'x', expiry }, { bundleId: 'com.example.chat' }).message?.headers['apns-expiration']).toBe(String(expiry));
      }
    }
  });
});

describe('relay send form under fuzzing', () => {
  it(`builds ${INPUTS} random relay sends (seed 9004): a NIM form within its limits, or a finding`, () => {
    const r = createRng(9004);
    const outcomes = { built: 0, refused: 0 };
    for (let i = 0; i < INPUTS; i += 1) {
      const opts: RelaySendOptions = {
        from: r.text(40),
        to: r.text(40),
        text: maybe(r, () => r.text(r.pick([20, 6000]))),
        pushText: maybe(r, () => r.text(r.pick([20, 600]))),
        title: maybe(r, () => r.text(20)),
        payload: maybe(r, () => (r.next() < 0.5 ? r.pick(JSON_SNIPPETS) : r.text(r.pick([50, 3000])))),
        apsField: maybe(r, () => ({ sound: r.text(5) })),
        sound: maybe(r, () => r.text(5)),
        noPush: r.next() < 0.2,
        noNick: r.next() < 0.2,
        noBadge: r.next() < 0.2,
        forcePush: r.next() < 0.2,
        forcePushText: maybe(r, () => r.text(r.pick([20, 600]))),
        attach: r.next() < 0.3,
      };
      const built = buildRelaySend(opts);
      expectRenderable(built.issues);
      if (!built.request) {
        outcomes.refused += 1;
        expect(built.issues.length).toBeGreaterThan(0);
        continue;
      }
      outcomes.built += 1;
      const form = built.request.form;
      for (const value of Object.values(form)) expect(typeof value).toBe('string');
      // What the builder accepts, the relay accepts: the same limits on both sides.
      const read = readPushParams(form, opts.attach ? 'attach' : 'msg');
      expect(read.ok, JSON.stringify(read.ok ? '' : read.error)).toBe(true);
    }
    expect(outcomes.built).toBeGreaterThan(INPUTS / 10);
    expect(outcomes.refused).toBeGreaterThan(INPUTS / 10);
  });

  it(`reads ${INPUTS} random push-parameter forms (seed 9005) as parameters or a documented code`, () => {
    const r = createRng(9005);
    const names = ['pushcontent', 'pushContent', 'payload', 'option', 'forcepushall', 'forcepushlist', 'forcepushcontent', 'isForcePush', 'OPTION'];
    for (let i = 0; i < INPUTS; i += 1) {
      const form: Record<string, string> = {};
      for (let n = r.int(6); n > 0; n -= 1) {
        form[r.pick(names)] = r.next() < 0.3 ? r.pick([...JSON_SNIPPETS, '["a",1]', '["a"]', 'true']) : r.text(r.pick([10, 700, 2100]));
      }
      const read = readPushParams(form, r.next() < 0.5 ? 'msg' : 'attach');
      if (!read.ok) {
        expect([405, 414]).toContain(read.error.code);
        expect(read.error.desc.length).toBeGreaterThan(0);
      }
    }
  });
});
