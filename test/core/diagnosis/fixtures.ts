/** A receiver for whom the push fires; each test changes only what it is about. */
import { factsFrom, mergeFacts, type Facts, type FactValues } from '../../../src/core/diagnosis/index.js';

export const DEV_TOKEN = 'a'.repeat(64);
export const PROD_TOKEN = 'b'.repeat(64);

export const firing: Partial<FactValues> = {
  appState: 'background',
  login: 'online',
  banned: false,
  friends: true,
  nonFriendMessages: 'forbidden',
  blacklisted: false,
  dnd: false,
  muted: false,
  desktopOnline: false,
  pushWhenDesktopOnline: true,
  tokens: [{ token: DEV_TOKEN, certName: 'demo-dev', environment: 'development' }],
  environment: 'development',
  certs: [
    { name: 'demo-dev', environment: 'development' },
    { name: 'demo-prod', environment: 'production' },
  ],
};

/** The firing receiver as the relay reports it, with `changes` given as flags on top. */
export const factsWith = (changes: Partial<FactValues> = {}): Facts =>
  mergeFacts(factsFrom(firing, 'relay'), factsFrom(changes, 'flag'));

/** Only the given facts, as the relay reports them. */
export const only = (values: Partial<FactValues>): Facts => factsFrom(values, 'relay');

/** The firing receiver with some facts unknown. */
export function factsWithout(...keys: Array<keyof FactValues>): Facts {
  const values: Partial<FactValues> = { ...firing };
  for (const key of keys) delete values[key];
  return factsFrom(values, 'relay');
}
