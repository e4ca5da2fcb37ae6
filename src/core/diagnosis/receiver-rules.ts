/** Rules about the receiver's account, device state, settings and relation to the sender. */
import { issue } from '../finding.js';
import { formatWindow, isInWindow, parseClock } from './clock.js';
import { missing, type Rule } from './rule.js';

export const bannedRule: Rule = {
  id: 'receiver.banned',
  group: 'receiver',
  severity: 'error',
  needs: ['banned'],
  evaluate: (f, p) => (f.banned === undefined ? missing('banned') : f.banned.value ? issue('receiver.banned', { to: p.to }) : null),
};

const LOGIN_IDS = { never: 'receiver.not-logged-in', 'logged-out': 'receiver.logged-out', kicked: 'receiver.kicked' } as const;

function loginRule(state: keyof typeof LOGIN_IDS): Rule {
  const id = LOGIN_IDS[state];
  return {
    id,
    group: 'receiver',
    severity: 'error',
    needs: ['login'],
    evaluate: (f, p) => (f.login === undefined ? missing('login') : f.login.value === state ? issue(id, { to: p.to }) : null),
  };
}

export const notLoggedInRule = loginRule('never');
export const loggedOutRule = loginRule('logged-out');
export const kickedRule = loginRule('kicked');

/**
 * Online on the long connection: the message arrives in-app and NIM sends no APNs push. The app
 * state decides when it is known; otherwise an iOS client online (or not) stands for it, since
 * background and killed push alike.
 */
export const foregroundRule: Rule = {
  id: 'receiver.foreground',
  group: 'receiver',
  severity: 'error',
  needs: ['appState', 'iosOnline'],
  evaluate: (f, p) => {
    const inForeground = f.appState !== undefined ? f.appState.value === 'foreground' : f.iosOnline?.value;
    if (inForeground === undefined) return missing('appState');
    return inForeground ? issue('receiver.foreground', { to: p.to }) : null;
  },
};

export const blacklistRule: Rule = {
  id: 'relation.blacklisted',
  group: 'relation',
  severity: 'error',
  needs: ['blacklisted'],
  evaluate: (f, p) =>
    f.blacklisted === undefined ? missing('blacklisted') : f.blacklisted.value ? issue('relation.blacklisted', { to: p.to, from: p.from }) : null,
};

/** Either fact alone can clear the rule, so only ask for what is still needed. */
export const notFriendRule: Rule = {
  id: 'relation.not-friend',
  group: 'relation',
  severity: 'error',
  needs: ['friends', 'nonFriendMessages'],
  evaluate: (f, p) => {
    if (f.friends?.value === true || f.nonFriendMessages?.value === 'allowed') return null;
    if (f.friends && f.nonFriendMessages) return issue('relation.not-friend', { to: p.to, from: p.from });
    return missing(...(['friends', 'nonFriendMessages'] as const).filter((k) => f[k] === undefined));
  },
};

export const desktopOnlineRule: Rule = {
  id: 'receiver.desktop-online',
  group: 'receiver',
  severity: 'error',
  needs: ['desktopOnline', 'pushWhenDesktopOnline'],
  evaluate: (f, p) => {
    if (f.desktopOnline === undefined) return missing('desktopOnline');
    if (!f.desktopOnline.value) return null;
    if (f.pushWhenDesktopOnline === undefined) return missing('pushWhenDesktopOnline');
    return f.pushWhenDesktopOnline.value ? null : issue('receiver.desktop-online', { to: p.to });
  },
};

/** Force push (team `forcePush`, `forcepushall`/`forcepushlist`) overrides DND and session mute only. */
const noteOverride = (id: string) => issue('force-push.overrides', { overridden: id }, 'info');

export const dndRule: Rule = {
  id: 'receiver.dnd',
  group: 'receiver',
  severity: 'error',
  needs: ['dnd', 'dndWindow', 'at', 'forcePush'],
  evaluate: (f, p) => {
    if (f.dnd === undefined) return missing('dnd');
    if (!f.dnd.value) return null;
    const window = f.dndWindow?.value ?? null;
    if (window) {
      if (f.at === undefined) return missing('at');
      const inside = isInWindow(window, f.at.value);
      if (inside === undefined) return missing(parseClock(f.at.value) === undefined ? 'at' : 'dndWindow');
      if (!inside) return null;
    }
    if (f.forcePush?.value) return noteOverride('receiver.dnd');
    return issue('receiver.dnd', { to: p.to, window: formatWindow(window), at: f.at?.value });
  },
};

export const mutedRule: Rule = {
  id: 'receiver.session-muted',
  group: 'receiver',
  severity: 'error',
  needs: ['muted', 'forcePush'],
  evaluate: (f, p) => {
    if (f.muted === undefined) return missing('muted');
    if (!f.muted.value) return null;
    return f.forcePush?.value ? noteOverride('receiver.session-muted') : issue('receiver.session-muted', { to: p.to, from: p.from });
  },
};
