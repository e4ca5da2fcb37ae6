/** What the demo does on the relay, in the SDK's and the app server's terms. */
import type { RelayClient } from '../adapters/relay-client.js';
import type { NimResponse } from '../core/nim/codes.js';
import type { PushLogEntry } from '../relay/state.js';

export interface SendOutcome {
  code: number;
  push?: Partial<PushLogEntry>;
}

export class DemoRelay {
  constructor(private readonly client: RelayClient) {}

  private async must(res: Promise<NimResponse>, what: string): Promise<NimResponse> {
    const r = await res;
    if (r.code !== 200) throw new Error(`${what} answered ${r.code}${r.desc ? ` (${String(r.desc)})` : ''}`);
    return r;
  }

  createUser = (accid: string) => this.client.call('user/create', { accid, name: accid });
  befriend = (a: string, b: string) => this.must(this.client.call('friend/add', { accid: a, faccid: b, type: '1' }), 'friend/add');
  unfriend = (a: string, b: string) => this.must(this.client.call('friend/delete', { accid: a, faccid: b }), 'friend/delete');
  blacklist = (a: string, b: string) =>
    this.must(this.client.call('user/setSpecialRelation', { accid: a, targetAcc: b, relationType: '1', value: '1' }), 'setSpecialRelation');
  /** The SDK's login, with its `apnsCername`; the answer code is returned, not thrown (a long name gives 500). */
  login = async (accid: string, certName: string, appState = 'background') => (await this.client.callJson('device/login', { accid, certName, appState })).code;
  logout = (accid: string) => this.must(this.client.callJson('device/logout', { accid }), 'device/logout');
  kick = (accid: string) => this.must(this.client.callJson('device/kick', { accid }), 'device/kick');
  appState = (accid: string, appState: string) => this.must(this.client.callJson('device/appState', { accid, appState }), 'device/appState');
  uploadToken = (accid: string, token: string, certName: string) =>
    this.must(this.client.callJson('device/updateApnsToken', { accid, token, certName }), 'device/updateApnsToken');
  dnd = (accid: string, on: boolean) => this.must(this.client.callJson('device/setDnd', { accid, on }), 'device/setDnd');
  desktopOnline = async (accid: string) => {
    await this.must(this.client.callJson('device/clientOnline', { accid, client: 'desktop', online: true }), 'device/clientOnline');
    await this.must(this.client.callJson('device/setMultiportConfig', { accid, pushWhenDesktopOnline: false }), 'device/setMultiportConfig');
  };
  nonFriendMessages = (policy: 'allowed' | 'forbidden') => this.must(this.client.callJson('app/settings', { nonFriendMessages: policy }), 'app/settings');

  /** `msg/sendMsg.action` as an app server sends it; the local relay adds what became of the push. */
  async sendText(from: string, to: string, text: string, pushText: string, extra: Record<string, string> = {}): Promise<SendOutcome> {
    const res = await this.client.call('msg/sendMsg', { from, ope: '0', to, type: '0', body: JSON.stringify({ msg: text }), pushcontent: pushText, ...extra });
    return { code: res.code, push: res.push as Partial<PushLogEntry> | undefined };
  }
}
