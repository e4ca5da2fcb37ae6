/**
 * Reference 1: the bare @parse/node-apn script a developer would write, with the same .p12,
 * payload, topic and window as `nim-push send`. Apple's host stays the `address` (so node-apn
 * keeps its sandbox behaviour); `port`, `lookup` and `ca` point it at the simulator.
 *
 *   node node-apn-bare.js <config.json>
 *   config: {port, caFile, p12File, passphrase, topic, tokensFile, concurrency, text}
 * Prints {"sent":n,"failed":n,"sendMs":ms} on stdout.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const apn = require('@parse/node-apn');
const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const provider = new apn.Provider({
  pfx: readFileSync(cfg.p12File),
  passphrase: cfg.passphrase,
  production: false,
  address: 'api.sandbox.push.apple.com',
  port: cfg.port,
  ca: [readFileSync(cfg.caFile, 'utf8')],
  // Node 20's net.connect asks with {all: true} and expects an array back.
  lookup: (_host, options, callback) =>
    options && options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
});

const tokens = readFileSync(cfg.tokensFile, 'utf8').split('\n').filter(Boolean);
const note = new apn.Notification();
note.topic = cfg.topic;
note.pushType = 'alert';
note.priority = 10;
note.alert = cfg.text;

let next = 0;
let sent = 0;
let failed = 0;
const started = performance.now();
async function worker() {
  while (next < tokens.length) {
    const token = tokens[next++];
    const result = await provider.send(note, token);
    sent += result.sent.length;
    failed += result.failed.length;
  }
}
await Promise.all(Array.from({ length: cfg.concurrency }, worker));
const sendMs = performance.now() - started;
provider.shutdown();
process.stdout.write(`${JSON.stringify({ sent, failed, sendMs })}\n`);
process.exitCode = failed === 0 ? 0 : 1;
