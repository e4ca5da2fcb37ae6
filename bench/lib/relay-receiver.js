/**
 * The receiver the relay benches push to: alice and bob (friends), bob logged in with the app in
 * the background and an APNs token, checked by one test message that must be pushed and sent.
 */
import { APP_KEY, APP_SECRET, CERT_NAME, importDist } from './setup.js';

export const SEND_FORM = { from: 'alice', to: 'bob', ope: '0', type: '0', body: '{"msg":"hello"}', pushcontent: 'hello' };

export async function prepareReceiver(baseUrl, token) {
  const { createRelayClient } = await importDist('adapters/relay-client.js');
  const client = createRelayClient({ baseUrl, appKey: APP_KEY, appSecret: APP_SECRET });
  const expect200 = async (what, p) => {
    const res = await p;
    if (res.code !== 200) throw new Error(`relay setup: ${what} answered ${res.code} ${res.desc ?? ''}`);
    return res;
  };
  await expect200('user/create alice', client.call('user/create', { accid: 'alice', name: 'Alice' }));
  await expect200('user/create bob', client.call('user/create', { accid: 'bob', name: 'Bob' }));
  await expect200('friend/add alice bob', client.call('friend/add', { accid: 'alice', faccid: 'bob', type: '1' }));
  await expect200('device/login bob', client.callJson('device/login', { accid: 'bob', certName: CERT_NAME, appState: 'background' }));
  await expect200('device/updateApnsToken bob', client.callJson('device/updateApnsToken', { accid: 'bob', token }));
  const probe = await expect200('msg/sendMsg', client.call('msg/sendMsg', SEND_FORM));
  if (probe.push?.delivery !== 'push' || probe.push.apns?.[0]?.status !== 'sent') {
    throw new Error(`relay setup: a test message was not pushed: ${JSON.stringify(probe.push)}`);
  }
}
