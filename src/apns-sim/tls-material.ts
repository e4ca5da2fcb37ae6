/** The simulator's own CA and server certificate, generated at start. */
import { mintCa, mintTlsCert } from '../standin/mint.js';

export interface SimTlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/**
 * The names clients may use: loopback, and Apple's hosts, which a client resolves to 127.0.0.1
 * so that it keeps its production/sandbox behaviour while talking to the simulator.
 */
export const SIM_SERVER_NAMES = ['localhost', '127.0.0.1', '::1', 'api.push.apple.com', 'api.sandbox.push.apple.com'];

/** Creates a throwaway CA and a server certificate it signs, valid for the simulator's names. */
export function generateSimTls(): SimTlsMaterial {
  const ca = mintCa({ commonName: 'nim-push APNs simulator CA', organizationalUnit: 'nim-push' });
  const server = mintTlsCert({ ca, commonName: 'localhost', altNames: SIM_SERVER_NAMES });
  return { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem };
}
