/** Registers the p8 keys among an app's credentials with the simulator, as uploading them to Apple would. */
import { createPublicKey } from 'node:crypto';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import type { SimState } from './sim-state.js';

export function registerKeys(state: SimState, credentials: Array<{ material?: ApnMaterial }>): void {
  for (const { material } of credentials) {
    if (material?.kind !== 'token') continue;
    const publicKeyPem = createPublicKey(material.keyPem).export({ type: 'spki', format: 'pem' }).toString();
    state.registerKey({ keyId: material.keyId, teamId: material.teamId, publicKeyPem });
  }
}
