/**
 * What the demo does on the relay, in the SDK's and the app server's terms: the app server's
 * calls through the documented API of the chosen version, the SDK's through the device API.
 */
import type { RelayClient } from '../../adapters/relay-client.js';
import type { NimResponse } from '../../core/nim/codes.js';
import type { PushLogEntry } from '../../core/nim/wire-relay.js';
import { p2pConversationId } from '../../core/nim/wire-v2.js';
import type { NimApi } from '../../core/profile.js';

export interface SendOutcome {
  code: number;
  push?: Partial<PushLogEntry>;
}

export class DemoRelay {
  constructor(
    private readonly client: RelayClient,
    readonly api: NimApi,
  ) {}

  private async must(res: Promise<NimResponse>, what: string): Promise<NimResponse> {
    const r = await res;
    if (r.code !== 200) throw new Error(`${what} answered ${r.code}${r.desc ? ` (${String(r.desc)})` : ''}`);
    return r;
  }

  /** A v2 call's answer as a v1-style one, so both are checked alike. */
  private async v2(method: 'POST' | 'DELETE', path: string, body?: unknown, query?: Record<string, string>): Promise<NimResponse & { data?: Record<string, unknown>; push?: unknown }> {
    const call = await this.client.v2(method, path, { body, query });
    const a = call.answer as { code: number; msg?: string; data?: Record<string, unknown>; push?: unknown };
    return { code: a.code, desc: a.msg, data: a.data, push: a.push };
  }

  createUser = (accid: string) => (this.api === 'v2' ? this.v2('POST', '/im/v2/accounts', { account_id: accid, user_information: { name: accid } }) : this.client.call('user/create', { accid, name: accid }));

  befriend = (a: string, b: string) =>
    this.must(this.api === 'v2' ? this.v2('POST', '/im/v2.1/friends', { account_id: a, friend_account_id: b, type: 1 }) : this.client.call('friend/add', { accid: a, faccid: b, type: '1' }), 'add friend');

  unfriend = (a: string, b: string) =>
    this.must(this.api === 'v2' ? this.v2('DELETE', `/im/v2/friends/${encodeURIComponent(a)}`, undefined, { friend_account_id: b }) : this.client.call('friend/delete', { accid: a, faccid: b }), 'delete friend');

  blacklist = (a: string, b: string) =>
    this.must(
      this.api === 'v2' ? this.v2('POST', '/im/v2/block_contacts', { account_id: a, contact_account_id: b }) : this.client.call('user/setSpecialRelation', { accid: a, targetAcc: b, relationType: '1', value: '1' }),
      'blacklist',
    );

  /** The SDK's login, with its `apnsCername`; the answer code is returned, not thrown (a long name gives 500). */
  login = async (accid: string, certName: string, appState = 'background') => (await this.client.callJson('device/login', { accid, certName, appState })).code;
  logout = (accid: string) => this.must(this.client.callJson('device/logout', { accid }), 'device/logout');
  kick = (accid: string) => this.must(this.client.callJson('device/kick', { accid }), 'device/kick');
  appState = (accid: string, appState: string) => this.must(this.client.callJson('device/appState', { accid, appState }), 'device/appState');
  /** As the SDK uploads it: no environment (NIM never knows which one a token belongs to). */
  uploadToken = (accid: string, token: string, certName: string) => this.must(this.client.callJson('device/updateApnsToken', { accid, token, certName }), 'device/updateApnsToken');
  dnd = (accid: string, on: boolean) => this.must(this.client.callJson('device/setDnd', { accid, on }), 'device/setDnd');
  desktopOnline = async (accid: string) => {
    await this.must(this.client.callJson('device/clientOnline', { accid, client: 'desktop', online: true }), 'device/clientOnline');
    await this.must(this.client.callJson('device/setMultiportConfig', { accid, pushWhenDesktopOnline: false }), 'device/setMultiportConfig');
  };
  nonFriendMessages = (policy: 'allowed' | 'forbidden') => this.must(this.client.callJson('app/settings', { nonFriendMessages: policy }), 'app/settings');

  /** A text message as an app server sends it; the local relay adds what became of the push. */
  async sendText(from: string, to: string, text: string, pushText: string, force?: { content: string }): Promise<SendOutcome> {
    if (this.api === 'v2') {
      const push_config: Record<string, unknown> = { push_content: pushText };
      if (force) Object.assign(push_config, { push_forcepush_enable: true, push_forcepush_all: true, push_forcepush_content: force.content });
      const res = await this.v2('POST', `/im/v2/conversations/${encodeURIComponent(p2pConversationId(from, to))}/messages`, { message: { message_type: 0, text }, push_config });
      return { code: res.code, push: res.push as Partial<PushLogEntry> | undefined };
    }
    const extra: Record<string, string> = force ? { forcepushall: 'true', forcepushcontent: force.content } : {};
    const res = await this.client.call('msg/sendMsg', { from, ope: '0', to, type: '0', body: JSON.stringify({ msg: text }), pushcontent: pushText, ...extra });
    return { code: res.code, push: res.push as Partial<PushLogEntry> | undefined };
  }
}
