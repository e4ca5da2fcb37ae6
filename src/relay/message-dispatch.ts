/**
 * What happens to a message at the relay: delivered in-app to an online foreground receiver,
 * otherwise judged by the shared diagnosis engine and, when the push fires, sent to APNs with
 * the credential named by the receiver's token. Every decision goes to the push log.
 */
import { evaluate, type Evaluation } from '../core/diagnosis/index.js';
import type { Issue } from '../core/finding.js';
import type { PushParams } from '../core/nim/push-params.js';
import { buildApnsPayload, buildPushText } from '../core/nim/push-text.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { buildMessageFacts, isForcePush, localClock, type RelayCertInfo } from './receiver-facts.js';
import type { PushLogEntry, RelayState, UserRecord } from './state.js';
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
  /** The token's environment: which APNs endpoint it belongs to. */
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
  /** Force the log to record a refusal (e.g. 403 for non-friends) without sending anything. */
  refused?: Issue;
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

  async function sendPushes(msg: OutgoingMessage, evaluation: Evaluation): Promise<{ apns: NonNullable<PushLogEntry['apns']>; text: string }> {
    const { sender, receiver, push } = msg;
    const forced = isForcePush(push, receiver.accid);
    const content = forced && push.forcePushContent ? push.forcePushContent : push.pushcontent;
    const text = buildPushText({ nick: sender.name || sender.accid, pushcontent: content, needPushNick: push.option.needPushNick });
    let badge: number | undefined;
    if (push.option.badge) {
      badge = receiver.badge + 1;
      await store.commit({ op: 'user.patch', accid: receiver.accid, patch: { badge } });
    }
    const payload = buildApnsPayload({ text, payload: push.payload, badge, sound: push.sound });
    const apns: NonNullable<PushLogEntry['apns']> = [];
    for (const target of evaluation.deliverTo) {
      const token = receiver.tokens.find((t) => t.token === target.token);
      const cert = opts.certs.find((c) => c.name === token?.certName);
      if (!token || !cert || !opts.sender) {
        apns.push({ token: target.token ?? '', certName: token?.certName, status: 'skipped', reason: opts.sender ? 'no credential' : 'no APNs sender' });
        continue;
      }
      const result = await opts.sender.send({ certName: cert.name, token: token.token, environment: token.environment, topic: cert.bundleId, payload });
      apns.push({ token: token.token, certName: cert.name, ...result });
      if (result.httpStatus === 410) {
        await store.commit({ op: 'token.put', accid: receiver.accid, token: { ...token, unregistered: true } });
      }
    }
    return { apns, text };
  }

  return {
    async dispatch(msg, nowMs) {
      const msgid = state.nextMsgId;
      state.nextMsgId += 1;
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
      const evaluation = evaluate(facts, { to: msg.receiver.accid, from: msg.sender.accid });
      const findings = msg.refused ? [msg.refused, ...evaluation.issues.filter((i) => i.id !== msg.refused?.id)] : evaluation.issues;
      const online = msg.receiver.login === 'online' && msg.receiver.appState === 'foreground';
      const entry: PushLogEntry = {
        id: msgid,
        msgid,
        time: new Date(nowMs).toISOString(),
        kind: msg.kind,
        from: msg.sender.accid,
        to: msg.receiver.accid,
        delivery: msg.refused ? 'blocked' : online ? 'in-app' : evaluation.verdict === 'fires' ? 'push' : evaluation.verdict === 'blocked' ? 'blocked' : 'none',
        verdict: msg.refused ? 'blocked' : evaluation.verdict,
        findings: findings.map(toLogIssue),
      };
      if (entry.delivery === 'push') {
        const sent = await sendPushes(msg, evaluation);
        entry.apns = sent.apns;
        entry.text = sent.text;
      }
      await store.commit({ op: 'push.log', entry });
      return { msgid, entry, evaluation };
    },
  };
}
