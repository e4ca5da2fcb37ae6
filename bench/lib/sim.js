/**
 * The APNs simulator as a separate `nim-push apns-sim` process, and a persistent HTTP/2 admin
 * session to it: bulk token minting, key registration, and a delivery counter that times the
 * send phase of each client from the simulator's side.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { join } from 'node:path';
import { startService } from './children.js';
import { BIN, cliEnv } from './setup.js';

function adminRequest(session, method, path, body) {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': path, ...(body ? { 'content-type': 'application/json' } : {}) });
    let status = 0;
    let text = '';
    stream.setEncoding('utf8');
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', (c) => (text += c));
    stream.on('end', () => {
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = { error: text };
      }
      if (status === 200) resolve(json);
      else reject(new Error(`sim ${method} ${path}: ${status} ${json.error ?? text}`));
    });
    stream.on('error', reject);
    stream.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** CPU time of a process (user + system, ms) from /proc/<pid>/stat; NaN where there is no /proc. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
// USER_HZ: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100;

/** Starts `nim-push apns-sim` for `configDir` and waits until its service record names its URLs. */
export async function startSim(configDir, logFile, extraArgs = []) {
  // The simulator logs one stderr line per request: a file takes them without a reader process
  // competing for the two cores (a pipe would need one), and keeps them for a failed start.
  const fd = openSync(logFile, 'w');
  const service = startService(process.execPath, [BIN, '--config-dir', configDir, 'apns-sim', ...extraArgs], { env: cliEnv(configDir), stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  const recordFile = join(configDir, 'apns-sim.service.json');
  let record;
  for (const started = Date.now(); !record; ) {
    if (service.child.exitCode !== null) throw new Error(`nim-push apns-sim exited (${service.child.exitCode}): ${readFileSync(logFile, 'utf8').slice(-1500)}`);
    if (Date.now() - started > 30_000) throw new Error(`nim-push apns-sim did not start within 30 s: ${readFileSync(logFile, 'utf8').slice(-1500)}`);
    try {
      const value = JSON.parse(readFileSync(recordFile, 'utf8'));
      if (value.pid === service.pid) record = value;
    } catch {
      // not written yet
    }
    if (!record) await new Promise((r) => setTimeout(r, 50));
  }
  const caPem = readFileSync(record.caFile, 'utf8');
  const url = record.urls.development;
  const session = connect(url, { ca: caPem });
  session.on('error', () => undefined);
  const admin = (method, path, body) => adminRequest(session, method, path, body);
  return {
    service,
    url,
    port: Number(new URL(url).port),
    caFile: record.caFile,
    caPem,
    admin,
    /** CPU time the simulator process has used (user + system, ms), from /proc. */
    cpuMs: () => processCpuMs(service.pid),
    /** Accepted deliveries since start. */
    deliveries: async () => (await admin('GET', '/sim/v1/health')).deliveries,
    async close() {
      session.close();
      await service.stop();
    },
  };
}

/** Mints `count` development tokens for `topic` over one HTTP/2 session, `window` requests in flight. */
export async function mintTokens(sim, topic, count, window = 200) {
  const tokens = new Array(count);
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const token = randomBytes(32).toString('hex');
      const res = await sim.admin('POST', '/sim/v1/devices', { topic, environment: 'development', token });
      tokens[i] = res.token;
    }
  }
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  return tokens;
}

/**
 * Watches the simulator's delivery counter while a client runs. The send phase is from the last
 * poll that still saw the old count to the first poll that saw all `expected` deliveries, so a
 * client's own start-up (loading modules, decoding the credential) is left out of its rate.
 */
export function watchDeliveries(sim, expected, intervalMs = 5) {
  let stopped = false;
  let baseline;
  let startMs;
  let endMs;
  let lastCount = 0;
  const done = (async () => {
    baseline = await sim.deliveries();
    let lastBaselineAt = performance.now();
    while (!stopped) {
      const count = await sim.deliveries();
      const at = performance.now();
      lastCount = count - baseline;
      if (count === baseline) lastBaselineAt = at;
      else if (startMs === undefined) startMs = lastBaselineAt;
      if (count - baseline >= expected) {
        endMs = at;
        break;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    ready: () => new Promise((r) => {
      const check = () => (baseline !== undefined ? r() : setTimeout(check, 1));
      check();
    }),
    async finish() {
      // The client has exited: give the counter one more look, then stop.
      await new Promise((r) => setTimeout(r, intervalMs * 4));
      stopped = true;
      await done;
      const sendMs = startMs !== undefined && endMs !== undefined ? endMs - startMs : NaN;
      return { delivered: lastCount, sendMs };
    },
  };
}
