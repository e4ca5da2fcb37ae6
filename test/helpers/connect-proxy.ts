/**
 * A local HTTP CONNECT proxy for tests, on loopback: it records every CONNECT it is asked for
 * (target and Proxy-Authorization), and either tunnels, refuses with a status, or stays silent.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectRecord {
  target: string;
  authorization?: string;
}

export type ProxyMode = { kind: 'tunnel'; requireAuth?: string } | { kind: 'refuse'; status: number } | { kind: 'silent' };

export interface TestProxy {
  url: string;
  port: number;
  connects: ConnectRecord[];
  /** Bytes carried through tunnels, both ways. */
  bytes(): number;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startConnectProxy(mode: ProxyMode = { kind: 'tunnel' }): Promise<TestProxy> {
  const connects: ConnectRecord[] = [];
  const sockets = new Set<Socket>();
  let carried = 0;
  let current = mode;
  const server: Server = createServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const authorization = req.headers['proxy-authorization'];
    connects.push({ target: req.url ?? '', ...(authorization ? { authorization } : {}) });
    client.on('error', () => undefined);
    if (current.kind === 'silent') return;
    if (current.kind === 'refuse') {
      client.end(`HTTP/1.1 ${current.status} Refused\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (current.requireAuth && authorization !== `Basic ${Buffer.from(current.requireAuth).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = splitTarget(req.url ?? '');
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.on('data', (d: Buffer) => (carried += d.length));
      client.on('data', (d: Buffer) => (carried += d.length));
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    bytes: () => carried,
    setMode: (m) => (current = m),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitTarget(target: string): [string, number] {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  return m ? [m[1], Number(m[2])] : [target, 443];
}
