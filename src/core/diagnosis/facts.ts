/**
 * The facts a push decision depends on. Every fact is optional: an absent fact is "unknown",
 * and the engine says so instead of guessing. Each fact records where it came from, so
 * `diagnose --json` can show which facts were used and who supplied them.
 */
import type { Issue } from '../finding.js';
import type { ApnsEnvironment, Profile } from '../profile.js';

/** Who supplied a fact. Facts read from a relay name the endpoint: `relay:user/getUinfos`. */
export type FactSourceKind = 'flag' | 'relay' | 'credential' | 'profile' | 'default';
export type FactSource = FactSourceKind | `relay:${string}`;

/** `relay:user/getUinfos` → `relay`. */
export const sourceKind = (source: FactSource): FactSourceKind => (source.startsWith('relay:') ? 'relay' : (source as FactSourceKind));

export interface Fact<T> {
  value: T;
  source: FactSource;
}

export type AppState = 'foreground' | 'background' | 'killed';
export type LoginState = 'online' | 'logged-out' | 'kicked' | 'never';
export type NonFriendPolicy = 'allowed' | 'forbidden';
/** An account id as NIM knows it: an account, no such account, or not an account id at all. */
export type AccountState = 'exists' | 'not-found' | 'invalid';

/** The most recent APNs answer for a token, as the relay's push log recorded it. */
export interface LastPush {
  token: string;
  status: 'sent' | 'failed';
  /** The environment the push went to. */
  environment?: ApnsEnvironment;
  httpStatus?: number;
  reason?: string;
  /** ISO time of the push. */
  at?: string;
}

/** A do-not-disturb window in local `HH:MM` time; `end` before `start` means it crosses midnight. */
export interface DndWindow {
  start: string;
  end: string;
}

/** One device token as the relay knows it. Unknown parts are left out. */
export interface TokenFact {
  token?: string;
  /** The certificate name (`apnsCername`) the token was uploaded with; `null` = uploaded without one. */
  certName?: string | null;
  /** The APNs environment the token belongs to (the app build's `aps-environment`). */
  environment?: ApnsEnvironment;
  /** APNs answered 410 Unregistered for it (the app was removed or the token rotated). */
  unregistered?: boolean;
}

/** A credential the relay holds, under its certificate name. */
export interface CertFact {
  name: string;
  environment?: ApnsEnvironment;
  /** A PushKit certificate name (the SDK's `pkCername`): it pushes VoIP to `<bundle>.voip`. */
  voip?: boolean;
}

/** The plain values; `Facts` wraps each in a `Fact` with its source. */
export interface FactValues {
  // accounts (known-bad facts only block; an unknown account state is not asked for)
  receiverAccount: AccountState;
  senderAccount: AccountState;
  /** The sender's account is disabled (`user/block`, `getUinfos` valid:false). */
  senderBanned: boolean;
  /** The sender may not send p2p messages (禁言: `getUinfos` mute/muteP2P, v2 p2p_chat_banned). */
  senderChatBanned: boolean;
  // receiver
  appState: AppState;
  /**
   * An iOS client of the receiver holds NIM's long connection (`userOnlineStatus` client type 2):
   * the message arrives in-app. Stands for `appState` when the app state itself is unknown.
   */
  iosOnline: boolean;
  login: LoginState;
  banned: boolean;
  // relations (receiver `to`, sender `from`)
  friends: boolean;
  nonFriendMessages: NonFriendPolicy;
  /** Either side has blacklisted the other. */
  blacklisted: boolean;
  /** Do-not-disturb on the receiver's account. */
  dnd: boolean;
  /** `null` (or absent) with DND on means all day. */
  dndWindow: DndWindow | null;
  /** Local `HH:MM` time of the send, compared with the DND window. */
  at: string;
  /** The receiver muted the session with the sender (mute list). */
  muted: boolean;
  /** A desktop or web client of the receiver is online (multiport). */
  desktopOnline: boolean;
  /** NIM's `shouldPushNotificationWhenPCOnline`; `user/setDonnop donnopOpen=true` means false. */
  pushWhenDesktopOnline: boolean;
  // message options
  forcePush: boolean;
  pushEnabled: boolean;
  needPushNick: boolean;
  badge: boolean;
  /** The push text (`pushcontent` / `apnsContent`). */
  pushContent: string;
  /** The force-push text (`forcepushcontent`). */
  forcePushContent: string;
  /** The NIM push payload as sent (`payload`, a JSON string). */
  payload: string;
  /** `content-available` is set: a background (silent) push. */
  contentAvailable: boolean;
  // delivery
  /** The receiver's APNs tokens (`updateApnsToken:`): message pushes go to these. */
  tokens: TokenFact[];
  /** The receiver's PushKit tokens (`updatePushKitToken:`): call invitations (VoIP) only, never a message push. */
  pushkitTokens: TokenFact[];
  /** The push log's most recent APNs answer for each of the receiver's tokens that was pushed. */
  lastPushes: LastPush[];
  /** Overrides the environment of the receiver's tokens (`--token-env`). */
  tokenEnv: ApnsEnvironment;
  /** The environment pushes go to when the token's certificate name gives none. */
  environment: ApnsEnvironment;
  /** Certificate names the relay holds credentials for. */
  certs: CertFact[];
  /** Findings already produced by the credential inspector for the credential in use. */
  credentialIssues: Issue[];
}

export type FactKey = keyof FactValues;
export type Facts = { [K in FactKey]?: Fact<FactValues[K]> };

/** NIM's documented defaults for message options (all `option` keys default to true; force push to false). */
export const MESSAGE_DEFAULTS: Readonly<Partial<FactValues>> = Object.freeze({
  pushEnabled: true,
  needPushNick: true,
  badge: true,
  forcePush: false,
  contentAvailable: false,
});

const SOURCE_RANK: Record<FactSourceKind, number> = { default: 0, profile: 1, credential: 2, relay: 3, flag: 4 };
const rankOf = (source: FactSource): number => SOURCE_RANK[sourceKind(source)];

export const fact = <T>(value: T, source: FactSource): Fact<T> => ({ value, source });

/** Wraps plain values that share one source, skipping `undefined`. */
export function factsFrom(values: Partial<FactValues>, source: FactSource): Facts {
  const out: Record<string, Fact<unknown>> = {};
  // for…in rather than Object.entries: the relay runs this per message, and the pair arrays were garbage.
  for (const key in values) {
    const value = (values as Record<string, unknown>)[key];
    if (value !== undefined && Object.hasOwn(values, key)) out[key] = { value, source };
  }
  return out as Facts;
}

/**
 * Combines fact layers. For each fact the highest-ranked source wins (flag > relay > credential >
 * profile > default), whatever the argument order; between equal sources the later layer wins.
 */
export function mergeFacts(...layers: Facts[]): Facts {
  const out: Record<string, Fact<unknown>> = {};
  for (const layer of layers) {
    const facts = layer as Record<string, Fact<unknown> | undefined>;
    for (const key in facts) {
      const next = facts[key];
      if (!next || !Object.hasOwn(facts, key)) continue;
      const current = out[key];
      if (!current || rankOf(next.source) >= rankOf(current.source)) out[key] = next;
    }
  }
  return out as Facts;
}

/** The defaults as a fact layer, built once: facts are never mutated, so the layer can be shared. */
const DEFAULT_FACTS: Facts = Object.freeze(
  Object.fromEntries(Object.entries(factsFrom(MESSAGE_DEFAULTS, 'default')).map(([key, item]) => [key, Object.freeze(item)])),
);

/** The default facts' keys, in the order a merge puts them first. */
const DEFAULT_FACT_KEYS: readonly FactKey[] = Object.freeze(Object.keys(DEFAULT_FACTS) as FactKey[]);

/** Whether the facts open with every default's key, in order, and no fact is left undefined. */
function opensWithDefaults(facts: Record<string, Fact<unknown> | undefined>): boolean {
  let i = 0;
  for (const key in facts) {
    if (facts[key] == null || !Object.hasOwn(facts, key)) return false;
    if (i < DEFAULT_FACT_KEYS.length && key !== DEFAULT_FACT_KEYS[i]) return false;
    i += 1;
  }
  return i >= DEFAULT_FACT_KEYS.length;
}

/**
 * Adds the message-option defaults (source `default`) where no fact is known: the same result,
 * key order included, as `mergeFacts(DEFAULT_FACTS, facts)` (any known fact outranks a default),
 * without the rank comparisons, since the relay's engine call runs this per message. Facts that
 * already open with every default's key in order are that result already, and are returned as
 * they are (facts are never mutated): the relay builds its facts so, and a copy made key by key
 * would be a slow dictionary-mode object.
 */
export function withDefaults(facts: Facts): Facts {
  const input = facts as Record<string, Fact<unknown> | undefined>;
  if (opensWithDefaults(input)) return facts;
  const defaults = DEFAULT_FACTS as Record<string, Fact<unknown>>;
  const out: Record<string, Fact<unknown>> = {};
  for (const key in defaults) out[key] = (Object.hasOwn(input, key) ? input[key] : undefined) ?? defaults[key];
  for (const key in input) {
    const item = input[key];
    if (item && !Object.hasOwn(defaults, key) && Object.hasOwn(input, key)) out[key] = item;
  }
  return out as Facts;
}

/** The default fact of a message option (source `default`, shared and frozen). */
export const defaultFact = <K extends keyof typeof MESSAGE_DEFAULTS & FactKey>(key: K): Fact<FactValues[K]> =>
  (DEFAULT_FACTS as Record<string, Fact<FactValues[K]>>)[key];

/** The facts a stored profile supplies: its environment and the certificate names it registers. */
export function factsFromProfile(profile: Pick<Profile, 'environment' | 'certs'>): Facts {
  return factsFrom(
    {
      environment: profile.environment,
      certs: profile.certs.map((c) => ({ name: c.name, environment: c.environment, ...(c.voip ? { voip: true } : {}) })),
    },
    'profile',
  );
}

/** Plain values, for JSON output or logging. */
export function valuesOf(facts: Facts): Partial<FactValues> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(facts) as Array<[string, Fact<unknown> | undefined]>) {
    if (item) out[key] = item.value;
  }
  return out as Partial<FactValues>;
}
