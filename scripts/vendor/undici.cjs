// The parts of undici nim-push uses (a dispatcher's request(), Pool and ProxyAgent for proxies).
// undici's index also loads fetch, WebSocket, caches and mocks, and touches globals that make
// Node load its own copy of undici: ~10 ms of every run that talks to NIM, for nothing used.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
Object.assign(Dispatcher.prototype, require('undici/lib/api'));
const { getGlobalDispatcher } = require('undici/lib/global');

module.exports = {
  Dispatcher,
  Agent: require('undici/lib/dispatcher/agent'),
  Pool: require('undici/lib/dispatcher/pool'),
  ProxyAgent: require('undici/lib/dispatcher/proxy-agent'),
  getGlobalDispatcher,
};
