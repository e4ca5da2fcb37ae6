/**
 * The `diagnose` flags that supply or override facts, as data: commander wiring, parsing and
 * the "which flag supplies this missing fact" hint all come from this one table.
 */
import { UsageError, type Bilingual } from '../errors.js';
import { parseClock, parseWindow } from './clock.js';
import { factsFrom, type FactKey, type Facts, type FactValues } from './facts.js';

export interface FactFlag {
  /** As typed: `--app-state`. */
  flag: string;
  /** commander's camelCase option key. */
  option: string;
  /** commander argument placeholder; absent for a boolean switch. */
  argument?: string;
  /** Allowed values, for help text and errors; absent when the value has a format instead. */
  values?: readonly string[];
  description: string;
  /** Turns the raw value into facts; throws FlagValueError on a bad value. */
  parse(raw: string | boolean): Partial<FactValues>;
}

/** A bad flag value. It is a UsageError (exit 2) and names the flag and what it accepts. */
export class FlagValueError extends UsageError {
  constructor(
    readonly flag: string,
    allowed: Bilingual,
    readonly value: string,
  ) {
    super({ en: `${flag} must be ${allowed.en} (got "${value}")`, zh: `${flag} 只能是${allowed.zh}(收到 "${value}")` }, 'usage', { flag });
    this.name = 'FlagValueError';
  }
}

const oneOf = (values: readonly string[]): Bilingual => ({ en: `one of ${values.join(', ')}`, zh: ` ${values.join('、')} 之一` });

function pickValue<T extends string>(flag: string, values: readonly T[], raw: string | boolean): T {
  const text = String(raw).trim().toLowerCase();
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new FlagValueError(flag, oneOf(values), String(raw));
}

const YES_NO = ['yes', 'no'] as const;
const parseYesNo = (flag: string, raw: string | boolean): boolean =>
  typeof raw === 'boolean' ? raw : pickValue(flag, YES_NO, raw) === 'yes';

function defineEnumFlag<K extends FactKey>(flag: string, option: K, values: readonly FactValues[K][], description: string): FactFlag {
  const allowed = values as readonly string[];
  return {
    flag,
    option,
    argument: `<${allowed.join('|')}>`,
    values: allowed,
    description,
    parse: (raw) => ({ [option]: pickValue(flag, allowed, raw) }) as Partial<FactValues>,
  };
}

function defineYesNoFlag(flag: string, option: FactKey, description: string): FactFlag {
  return { flag, option, argument: '<yes|no>', values: YES_NO, description, parse: (raw) => ({ [option]: parseYesNo(flag, raw) }) };
}

const ENVIRONMENTS = ['development', 'production'] as const;

export const DIAGNOSE_FLAGS: readonly FactFlag[] = Object.freeze([
  defineEnumFlag('--app-state', 'appState', ['foreground', 'background', 'killed'], "the receiver's app state"),
  defineEnumFlag('--login', 'login', ['online', 'logged-out', 'kicked', 'never'], "the receiver's login state"),
  defineYesNoFlag('--banned', 'banned', "the receiver's account is banned"),
  defineYesNoFlag('--friends', 'friends', 'sender and receiver are friends'),
  defineEnumFlag('--non-friend-messages', 'nonFriendMessages', ['allowed', 'forbidden'], 'the console setting for messages between non-friends'),
  defineYesNoFlag('--blacklisted', 'blacklisted', 'either side has blacklisted the other'),
  {
    flag: '--dnd',
    option: 'dnd',
    argument: '<on|off>',
    values: ['on', 'off'],
    description: 'the receiver has do-not-disturb on',
    parse: (raw) => ({ dnd: typeof raw === 'boolean' ? raw : pickValue('--dnd', ['on', 'off'], raw) === 'on' }),
  },
  {
    flag: '--dnd-window',
    option: 'dndWindow',
    argument: '<HH:MM-HH:MM>',
    description: 'the do-not-disturb window (may cross midnight; all-day for the whole day); implies --dnd on',
    parse: (raw) => {
      const text = String(raw).trim().toLowerCase();
      if (text === 'all-day') return { dndWindow: null, dnd: true };
      const window = parseWindow(text);
      if (!window) throw new FlagValueError('--dnd-window', { en: 'HH:MM-HH:MM (e.g. 22:00-07:00) or all-day', zh: ' HH:MM-HH:MM(例如 22:00-07:00)或 all-day' }, String(raw));
      return { dndWindow: window, dnd: true };
    },
  },
  {
    flag: '--at',
    option: 'at',
    argument: '<HH:MM>',
    description: "the send time, in the receiver's local time",
    parse: (raw) => {
      const minutes = parseClock(String(raw));
      if (minutes === undefined) throw new FlagValueError('--at', { en: 'a time HH:MM between 00:00 and 23:59', zh: ' 00:00 到 23:59 之间的 HH:MM 时间' }, String(raw));
      return { at: String(raw).trim().padStart(5, '0') };
    },
  },
  defineYesNoFlag('--muted', 'muted', 'the receiver muted the session with the sender'),
  defineYesNoFlag('--desktop-online', 'desktopOnline', 'a desktop or web client of the receiver is online'),
  defineYesNoFlag('--push-when-desktop-online', 'pushWhenDesktopOnline', 'the receiver still wants mobile push while a desktop is online'),
  {
    flag: '--force-push',
    option: 'forcePush',
    description: 'the message is a force push (overrides do-not-disturb and session mute)',
    parse: (raw) => ({ forcePush: parseYesNo('--force-push', raw) }),
  },
  defineEnumFlag('--token-env', 'tokenEnv', ENVIRONMENTS, "the environment of the receiver's device token"),
  {
    // commander names this option `env`; the fact it supplies is `environment`.
    flag: '--env',
    option: 'env',
    argument: `<${ENVIRONMENTS.join('|')}>`,
    values: ENVIRONMENTS,
    description: 'the environment pushes are sent to (default: the profile)',
    parse: (raw) => ({ environment: pickValue('--env', ENVIRONMENTS, raw) }),
  },
]);

/**
 * The facts given on the command line (source `flag`). `flags` is commander's options object;
 * keys it lacks or leaves undefined are skipped; an array (a repeated flag) counts by its last
 * value. An explicit `--dnd` beats the `--dnd on` that `--dnd-window` implies.
 */
export function factsFromFlags(flags: Record<string, unknown>): Facts {
  let values: Partial<FactValues> = {};
  for (const spec of DIAGNOSE_FLAGS) {
    let raw = flags[spec.option];
    if (Array.isArray(raw)) raw = raw[raw.length - 1];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' && typeof raw !== 'boolean') throw new FlagValueError(spec.flag, spec.values ? oneOf(spec.values) : { en: 'a value', zh: '一个取值' }, String(raw));
    const parsed = spec.parse(raw);
    // --dnd comes before --dnd-window in the table, so an explicit --dnd is already known here.
    if (spec.option === 'dndWindow' && values.dnd !== undefined) delete parsed.dnd;
    values = { ...values, ...parsed };
  }
  return factsFrom(values, 'flag');
}

const FLAG_BY_FACT: Partial<Record<FactKey, string>> = Object.fromEntries(DIAGNOSE_FLAGS.map((s) => [s.option === 'env' ? 'environment' : s.option, s.flag]));
// The receiver's token list has no flag of its own; --token-env stands for one token.
FLAG_BY_FACT.tokens = '--token-env';

/** The flag that supplies a fact, for "unknown: give --app-state" hints. */
export const flagFor = (key: FactKey): string => FLAG_BY_FACT[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
