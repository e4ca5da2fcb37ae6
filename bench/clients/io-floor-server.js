/**
 * The I/O floor for the relay: the least any NIM-compatible server must do per `sendMsg` that
 * pushes. It reads the request body, makes one HTTP/2 push to the APNs simulator with the same
 * client certificate, topic and device token the relay uses, waits for APNs' answer, and answers
 * {"code":200}. No signature check, no state, no diagnosis: what is left is the I/O.
 *
 *   node io-floor-server.js <config.json>
 *   config: {simUrl, caFile, certFile, keyFile, topic, token}
 * Prints its URL on stdout; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:http2';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const session = connect(cfg.simUrl, { ca: readFileSync(cfg.caFile), cert: readFileSync(cfg.certFile), key: readFileSync(cfg.keyFile) });
session.on('error', (error) => {
  process.stderr.write(`io-floor: APNs session: ${error.message}\n`);
  process.exit(1);
});
const payload = Buffer.from(JSON.stringify({ aps: { alert: 'hello', sound: 'default', badge: 1 } }));
const path = `/3/device/${cfg.token}`;
const ok = Buffer.from('{"code":200}');
const failed = Buffer.from('{"code":500,"desc":"push failed"}');

function push() {
  return new Promise((resolve) => {
    const stream = session.request({ ':method': 'POST', ':path': path, 'apns-topic': cfg.topic, 'apns-push-type': 'alert', 'apns-priority': '10', 'content-type': 'application/json', 'content-length': payload.length });
    let status = 0;
    stream.on('response', (headers) => (status = Number(headers[':status'])));
    stream.on('data', () => undefined);
    stream.on('end', () => resolve(status === 200));
    stream.on('error', () => resolve(false));
    stream.end(payload);
  });
}

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', async () => {
    const answer = (await push()) ? ok : failed;
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': answer.length });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}/nimserver\n`));
process.on('SIGTERM', () => {
  session.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
