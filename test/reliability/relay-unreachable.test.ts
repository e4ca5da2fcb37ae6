/**
 * A relay that does not answer — a server that accepts connections and never responds, or a
 * closed port — makes every relay client command exit 3 with `relay.unreachable`, within its
 * `--timeout`, without a stack trace.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, runLimited, STACK_LINE, type CliProfile } from './cli-fixture.js';

const TIMEOUT_MS = 700;
/** Node start-up and module loading of the binary on a busy 2-core machine, on top of --timeout. */
const STARTUP_ALLOWANCE_MS = 4000;
const TOKEN = 'ab'.repeat(32);

const COMMANDS: string[][] = [
  ['token', 'add', 'u1', TOKEN],
  ['token', 'list', 'u1'],
  ['token', 'remove', 'u1'],
  ['send', '--to', 'u1', '--from', 'u2', '--text', 'hi'],
  ['relay', 'device', 'u1', '--app-state', 'background'],
  ['relay', 'friend', 'add', 'u1', 'u2'],
  ['relay', 'block', 'u1', 'u2'],
  ['relay', 'mute', 'u1', 'u2'],
  ['relay', 'dnd', 'u1', 'on'],
  ['log', '--to', 'u1'],
];
/** Commands that read the relay as one step of a larger job. */
const COMPOSITE: string[][] = [
  ['check', '--send-to', 'u1'],
  ['diagnose', '--to', 'u1'],
];

let dir: string;
let profile: CliProfile;
let blackHole: Server;
const held: Socket[] = [];
let blackHoleUrl: string;
let closedUrl: string;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  dir = makeTempDir('nim-push-unreachable-');
  profile = await makeCliProfile(dir);
  // Accepts and then says nothing at all: the worst kind of dead relay.
  blackHole = createServer((socket) => {
    held.push(socket);
    socket.on('error', () => undefined);
  });
  blackHoleUrl = `http://127.0.0.1:${await listen(blackHole)}`;
  const closed = createServer();
  const port = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  closedUrl = `http://127.0.0.1:${port}`;
}, 30_000);
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => blackHole?.close(() => resolve()));
  removeDir(dir);
});

interface Outcome {
  args: string[];
  json: boolean;
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

async function runAgainst(url: string, args: string[], json: boolean): Promise<Outcome> {
  const started = Date.now();
  const r = await profile.run([...args, '--timeout', String(TIMEOUT_MS), ...(json ? ['--json'] : [])], { NIM_PUSH_RELAY_URL: url }, { timeoutMs: 15_000 });
  return { args, json, code: r.code, ms: Date.now() - started, stdout: r.stdout, stderr: r.stderr };
}

function expectUnreachable(o: Outcome): void {
  const label = `${o.args.join(' ')}${o.json ? ' --json' : ''}`;
  expect(o.code, `${label}: ${o.stdout}${o.stderr}`).toBe(3);
  expect(o.ms, label).toBeLessThan(TIMEOUT_MS + STARTUP_ALLOWANCE_MS);
  expect(o.stdout + o.stderr, label).not.toMatch(STACK_LINE);
  if (o.json) {
    const doc = JSON.parse(o.stdout) as { ok: boolean; error?: { code: string } };
    expect(doc.ok, label).toBe(false);
    // `check` reports each step; the relay step carries the finding.
    expect(doc.error?.code === 'relay.unreachable' || o.stdout.includes('"relay.unreachable"'), label).toBe(true);
  } else {
    expect(o.stdout + o.stderr, label).toMatch(/relay\.unreachable|did not answer|relay serve/);
  }
}

describe('relay client commands against a relay that does not answer', () => {
  it(`exit 3 with relay.unreachable within --timeout ${TIMEOUT_MS} ms (server that never answers), JSON and human`, async () => {
    // Every command in JSON; a sample in human mode (each run waits out the timeout).
    const jobs = [
      ...COMMANDS.map((args) => () => runAgainst(blackHoleUrl, args, true)),
      ...[COMMANDS[0], COMMANDS[3], COMMANDS[4], COMMANDS[9]].map((args) => () => runAgainst(blackHoleUrl, args, false)),
    ];
    const outcomes = await runLimited(jobs, 4);
    for (const o of outcomes) expectUnreachable(o);
    // The timeout was really waited for: the server accepted, so only the timer could end the call.
    for (const o of outcomes) expect(o.ms, o.args.join(' ')).toBeGreaterThanOrEqual(TIMEOUT_MS);
  }, 60_000);

  it('exit 3 with relay.unreachable on a closed port', async () => {
    const outcomes = await runLimited(COMMANDS.map((args) => () => runAgainst(closedUrl, args, true)), 4);
    for (const o of outcomes) expectUnreachable(o);
  }, 60_000);

  it('check --send-to and diagnose --to exit 3 with relay.unreachable within --timeout (both kinds of dead relay)', async () => {
    const jobs = COMPOSITE.flatMap((args) => [blackHoleUrl, closedUrl].map((url) => () => runAgainst(url, args, true)));
    for (const o of await runLimited(jobs, 4)) expectUnreachable(o);
  }, 30_000);

  it('relay status says no relay runs (exit 3) when none is recorded', async () => {
    const r = await profile.run(['relay', 'status', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'relay.unreachable' } });
  });
});
