/**
 * What happens to a message the relay took: delivered in-app to a receiver on the long
 * connection, otherwise judged by the shared diagnosis engine (deciding as the NIM server does)
 * and, when the push fires, sent to APNs with the credential and environment of the receiver's
 * certificate name. Every decision goes to the push log.
 */
import { evaluate, type Evaluation } from '../core/diagnosis/engine.js';
import type { Issue } from '../core/finding.js';
import type { PushParams } from '../core/nim/push-params.js';
import { buildNimPush } from '../core/nim/push-text.js';
import type { PushLogApns, PushLogEntry } from '../core/nim/wire-relay.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { iosConnected } from './presence.js';
import { buildMessageFacts, isForcePush, localClock, type RelayCertInfo } from './receiver-facts.js';
import type { RelayState, UserRecord } from './state.js';
import type { Store } from './store.js';

export interface PushAttempt {
  status: 'sent' | 'failed';
  apnsId?: string;
  reason?: string;
  httpStatus?: number;
}

export interface PushRequest {
  certName: string;
  token: string;
  /** The certificate name's environment: the APNs endpoint NIM pushes to. */
  environment: ApnsEnvironment;
  topic: string;
  payload: Record<string, unknown>;
}

/** Sends one notification to APNs (or the simulator); never throws, failures come back as results. */
export interface PushSender {
  send(request: PushRequest): Promise<PushAttempt>;
  close?(): Promise<void>;
}

export interface RelayCert extends RelayCertInfo {
  bundleId: string;
}

export interface OutgoingMessage {
  kind: 'msg' | 'attach';
  sender: UserRecord;
  receiver: UserRecord;
  push: PushParams;
  pushEnabled: boolean;
  payloadText?: string;
  api: 'v1' | 'v2';
}

export interface DispatchResult {
  msgid: number;
  entry: PushLogEntry;
  evaluation: Evaluation;
}

export interface MessageDispatcher {
  dispatch(message: OutgoingMessage, nowMs: number): Promise<DispatchResult>;
}

export interface DispatcherOptions {
  store: Store;
  certs: RelayCert[];
  environment: ApnsEnvironment;
  sender?: PushSender;
  clock?: (nowMs: number) => string;
}

const toLogIssue = (i: Issue): PushLogEntry['findings'][number] => ({ id: i.id, params: i.params, severity: i.severity });

export function createDispatcher(opts: DispatcherOptions): MessageDispatcher {
  const { store } = opts;
  const state: RelayState = store.state;
  const clock = opts.clock ?? localClock;

  async function sendPushes(msg: OutgoingMessage, evaluation: Evaluation, entry: PushLogEntry): Promise<void> {
    const { sender, receiver, push } = msg;
    let badge: number | undefined;
    if (push.option.badge) {
      badge = receiver.badge + 1;
      await store.commit({ op: 'user.patch', accid: receiver.accid, patch: { badge } });
    }
    const built = buildNimPush({ push, nick: sender.name || sender.accid, forced: isForcePush(push, receiver.accid), badge });
    const apns: PushLogApns[] = [];
    for (const target of evaluation.deliverTo) {
      const token = receiver.tokens.find((t) => t.token === target.token);
      const cert = opts.certs.find((c) => c.name === token?.certName);
      if (!token || !cert || !opts.sender) {
        apns.push({ token: target.token ?? '', certName: token?.certName, status: 'skipped', reason: opts.sender ? 'no credential' : 'no APNs sender' });
        continue;
      }
      const result = await opts.sender.send({ certName: cert.name, token: token.token, environment: cert.environment, topic: cert.bundleId, payload: built.payload });
      apns.push({ token: token.token, certName: cert.name, environment: cert.environment, ...result });
      if (result.httpStatus === 410) await store.commit({ op: 'token.put', accid: receiver.accid, token: { ...token, unregistered: true } });
    }
    entry.apns = apns;
    entry.text = built.text;
    entry.payload = built.payload;
  }

  return {
    async dispatch(msg, nowMs) {
      const msgid = state.nextMsgId;
      state.nextMsgId += 1;
      const id = state.nextLogId;
      state.nextLogId += 1;
      const facts = buildMessageFacts({
        state,
        sender: msg.sender,
        receiver: msg.receiver,
        push: msg.push,
        pushEnabled: msg.pushEnabled,
        payloadText: msg.payloadText,
        certs: opts.certs,
        environment: opts.environment,
        at: clock(nowMs),
      });
      const evaluation = evaluate(facts, { to: msg.receiver.accid, from: msg.sender.accid, asServer: true });
      const verdict = evaluation.verdict;
      const entry: PushLogEntry = {
        id,
        msgid,
        time: new Date(nowMs).toISOString(),
        kind: msg.kind,
        from: msg.sender.accid,
        to: msg.receiver.accid,
        delivery: iosConnected(msg.receiver) ? 'in-app' : verdict === 'fires' ? 'push' : verdict === 'blocked' ? 'blocked' : 'none',
        verdict,
        findings: evaluation.issues.map(toLogIssue),
        api: msg.api,
      };
      if (entry.delivery === 'push') await sendPushes(msg, evaluation, entry);
      await store.commit({ op: 'push.log', entry });
      return { msgid, entry, evaluation };
    },
  };
}
