/**
 * The relay and the simulator listen on 127.0.0.1 unless `--host` says otherwise: a development
 * stand-in holding credentials must not be reachable from the network by default.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, startServer, stopServer, type CliProfile, type Server } from './cli-fixture.js';

/** Another loopback address: reachable only if the server bound to it or to every interface. */
const OTHER_LOOPBACK = '127.0.0.2';

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

let dir: string;
let profile: CliProfile;
const servers: Server[] = [];

beforeAll(async () => {
  dir = makeTempDir('nim-push-bind-');
  profile = await makeCliProfile(dir);
});
afterAll(async () => {
  await Promise.all(servers.map(stopServer));
  removeDir(dir);
});

const start = async (args: string[], ready: RegExp): Promise<Server> => {
  const server = await startServer(args, { NIM_PUSH_CONFIG_DIR: profile.configDir }, ready);
  servers.push(server);
  return server;
};

describe('listen addresses', () => {
  it('relay serve and apns-sim serve bind 127.0.0.1 by default, and --host elsewhere', async () => {
    const [relay, sim, moved] = await Promise.all([
      start(['relay', 'serve', '--port', '0', '--ephemeral'], /relay listening on http:\/\/([\d.]+):(\d+)/),
      start(['apns-sim', 'serve', '--port', '0'], /development https:\/\/([\d.]+):(\d+)\s+production https:\/\/([\d.]+):(\d+)/),
      start(['relay', 'serve', '--port', '0', '--ephemeral', '--host', OTHER_LOOPBACK], /relay listening on http:\/\/([\d.]+):(\d+)/),
    ]);
    expect(relay.match[1]).toBe('127.0.0.1');
    expect(await canConnect('127.0.0.1', Number(relay.match[2]))).toBe(true);
    expect(await canConnect(OTHER_LOOPBACK, Number(relay.match[2]))).toBe(false);

    for (const [host, port] of [[sim.match[1], sim.match[2]], [sim.match[3], sim.match[4]]]) {
      expect(host).toBe('127.0.0.1');
      expect(await canConnect('127.0.0.1', Number(port))).toBe(true);
      expect(await canConnect(OTHER_LOOPBACK, Number(port))).toBe(false);
    }

    expect(moved.match[1]).toBe(OTHER_LOOPBACK);
    expect(await canConnect(OTHER_LOOPBACK, Number(moved.match[2]))).toBe(true);
    expect(await canConnect('127.0.0.1', Number(moved.match[2]))).toBe(false);
  }, 30_000);
});
