/** The local APNs provider-API simulator: what commands, the relay and tests import. */
export { startApnsSim, SIM_CA_FILE_NAME, type ApnsSim, type ApnsSimOptions } from './server.js';
export { generateSimTls, SIM_SERVER_NAMES, type SimTlsMaterial } from './tls-material.js';
export { SimState, SimInputError, type SimDelivery, type SimDevice, type SimEnvironment, type SimKey, type DeliveryQuery } from './sim-state.js';
export type { FaultKind, FaultSpec } from './faults.js';
export type { SimLogEntry } from './stream-handler.js';
export { formatSimLogEntry } from './format-log.js';
export {
  callSimAdmin,
  checkSimHealth,
  clearSimFaults,
  fetchSimDeliveries,
  registerSimDevice,
  registerSimKey,
  setSimFaults,
  unregisterSimDevice,
  type SimDeliveryPage,
  type SimDeviceInfo,
  type SimEndpoint,
} from './admin-client.js';
