import { describe, expect, it } from 'vitest';
import { deviceRoutes } from '../../src/relay/device-api.js';
import type { HandlerContext } from '../../src/relay/handler.js';
import { PUSH_LOG_MAX } from '../../src/relay/push-log.js';
import { applyOp, createState, normalizeState, type RelayState } from '../../src/relay/state.js';
import type { PushLogEntry } from '../../src/core/nim/wire-relay.js';

const entry = (msgid: number): PushLogEntry => ({
  id: msgid, msgid, time: new Date(0).toISOString(), kind: 'msg', from: 'alice', to: 'bob', delivery: 'push', verdict: 'fires', findings: [],
});

describe('relay push log', () => {
  it('stays bounded under a long run and lists only the newest entries, in order', async () => {
    const state = createState();
    const total = PUSH_LOG_MAX * 2 + 123;
    for (let msgid = 1; msgid <= total; msgid++) {
      applyOp(state, { op: 'push.log', entry: entry(msgid) });
      expect(state.pushLog.length).toBeLessThanOrEqual(Math.ceil(PUSH_LOG_MAX * 1.1));
    }
    expect(state.nextMsgId).toBe(total + 1);
    expect(state.pushLog.at(-1)?.msgid).toBe(total);

    const list = deviceRoutes['pushlog/list'];
    const ctx = { params: { limit: '999999' }, state } as unknown as HandlerContext;
    const reply = (await list(ctx)) as { code: number; entries: PushLogEntry[] };
    expect(reply.code).toBe(200);
    expect(reply.entries).toHaveLength(PUSH_LOG_MAX);
    expect(reply.entries[0].msgid).toBe(total - PUSH_LOG_MAX + 1);
    expect(reply.entries.at(-1)?.msgid).toBe(total);
  });

  it('lists the newest entries a filter keeps, oldest first, and a snapshot keeps the entries themselves', async () => {
    const state = createState();
    for (let msgid = 1; msgid <= 30; msgid++) applyOp(state, { op: 'push.log', entry: { ...entry(msgid), to: msgid % 3 === 0 ? 'carol' : 'bob' } });
    const list = deviceRoutes['pushlog/list'];
    const reply = (await list({ params: { to: 'Carol', limit: '4' }, state } as unknown as HandlerContext)) as unknown as { entries: PushLogEntry[] };
    expect(reply.entries.map((e) => e.msgid)).toEqual([18, 21, 24, 27, 30].slice(-4));
    // A limit of 0 is no count: the default (100) applies, as before.
    const zero = (await list({ params: { limit: '0' }, state } as unknown as HandlerContext)) as unknown as { entries: PushLogEntry[] };
    expect(zero.entries).toHaveLength(30);

    // The snapshot file holds the entries as objects; a relay started from it has the same log.
    const text = JSON.stringify(state);
    expect((JSON.parse(text) as { pushLog: PushLogEntry[] }).pushLog[29]).toEqual({ ...entry(30), to: 'carol' });
    const restored = normalizeState(JSON.parse(text) as RelayState);
    expect(restored.pushLog.entries()).toEqual(state.pushLog.entries());
    expect(restored.nextLogId).toBe(31);
    applyOp(restored, { op: 'push.log', entry: entry(31) });
    expect(restored.pushLog.at(-1)).toEqual(entry(31));
  });
});
