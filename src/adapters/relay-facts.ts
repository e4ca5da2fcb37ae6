/** Gathers what a relay knows about a receiver (and its sender) as diagnosis facts. */
import type { Context } from '../context.js';
import { factsFrom, type Facts } from '../core/diagnosis/index.js';
import { issue, type Issue } from '../core/finding.js';
import type { UserRecord, RelayState } from '../relay/state.js';
import { receiverFacts } from '../relay/receiver-facts.js';
import { openRelay, type RelayAccessOptions } from '../commands/relay-access.js';
import { UnreachableError } from '../errors.js';

export interface RelayFacts {
  facts: Facts;
  /** Why the relay could not help (unreachable, the NIM cloud, refused), as findings. */
  issues: Issue[];
  url?: string;
}

type StateAnswer = { code: number; user?: Omit<UserRecord, 'imToken'>; app?: { nonFriendMessages?: RelayState['nonFriendMessages'] } };

/** A dead relay is exit 3, as everywhere; the message adds how to diagnose without one. */
function unreachable(error: UnreachableError, ctx: Context): UnreachableError {
  const hint =
    ctx.lang === 'zh'
      ? '也可以不连中转服务,直接用参数给出接收方的状态(见 `nim-push diagnose --help`)。'
      : "Or give the receiver's facts as flags to diagnose without a relay (see `nim-push diagnose --help`).";
  return new UnreachableError(`${error.message} ${hint}`, error.code, error.details);
}

export async function gatherRelayFacts(access: RelayAccessOptions, to: string, from: string | undefined, ctx: Context): Promise<RelayFacts> {
  let relay;
  try {
    relay = await openRelay(access, ctx);
  } catch (error) {
    throw error instanceof UnreachableError ? unreachable(error, ctx) : error;
  }
  if (relay.kind === 'nim') {
    // The NIM cloud has no API for a user's device state: those facts must come from flags.
    return { facts: {}, issues: [], url: relay.url };
  }
  try {
    const receiver = (await relay.client.callJson('device/state', { accid: to })) as unknown as StateAnswer;
    if (receiver.code === 404) return { facts: factsFrom({ login: 'never' }, 'relay'), issues: [], url: relay.url };
    if (receiver.code !== 200 || !receiver.user) {
      return { facts: {}, issues: [issue('relay.error', { code: receiver.code, desc: 'device/state was refused' }, 'warning')], url: relay.url };
    }
    const sender = from ? ((await relay.client.callJson('device/state', { accid: from })) as unknown as StateAnswer) : undefined;
    const senderUser = sender?.code === 200 && sender.user ? sender.user : from ? { accid: from.toLowerCase(), blacklist: [] } : undefined;
    return { facts: receiverFacts(receiver.user, senderUser, receiver.app?.nonFriendMessages ?? 'allowed'), issues: [], url: relay.url };
  } catch (error) {
    throw error instanceof UnreachableError ? unreachable(error, ctx) : error;
  }
}
