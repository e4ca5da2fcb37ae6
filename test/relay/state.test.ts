import { describe, expect, it } from 'vitest';
import { deviceRoutes } from '../../src/relay/device-api.js';
import type { HandlerContext } from '../../src/relay/handler.js';
import { applyOp, createState, PUSH_LOG_MAX } from '../../src/relay/state.js';
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
});
