/** `nim-push apns-sim`: the local APNs provider-API simulator, and helpers that talk to a running one. */
import { respond, type CommandRunner } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import { deliveries as listDeliveries, faults as setFaults, mintDevice, serveSim, unregister as unregisterToken } from '../app/sim-host.js';
import { renderSimDeliveries, renderSimDevice, renderSimFaults, renderSimServe, renderSimUnregister } from '../output/sim-view.js';
import { environment, int, oneOf, port, str } from './options.js';

export const serve: CommandRunner = async (_args, opts, ctx) =>
  respond(ctx, 0, await serveSim({ host: str(opts.host), port: port(opts.port, '--port'), productionPort: port(opts.productionPort, '--production-port'), autoRegister: opts.autoRegister === true }, ctx), renderSimServe);

export const device: CommandRunner = async (_args, opts, ctx) =>
  respond(ctx, 0, await mintDevice({ topic: str(opts.topic), env: environment(opts.env) ?? 'development', token: str(opts.token) }, ctx), renderSimDevice);

export const unregister: CommandRunner = async (args, opts, ctx) =>
  respond(ctx, 0, await unregisterToken(args[0] as string, oneOf(opts.reason, '--reason', ['Unregistered', 'ExpiredToken'] as const) ?? 'Unregistered', ctx), renderSimUnregister);

export const deliveries: CommandRunner = async (_args, opts, ctx) =>
  respond(ctx, 0, await listDeliveries({ token: str(opts.token), limit: int(opts.limit ?? '20', '--limit', { min: 1, max: 10_000 }) ?? 20 }, ctx), renderSimDeliveries);

export const faults: CommandRunner = async (args, opts, ctx) => {
  if (opts.clear === true) return respond(ctx, 0, await setFaults('clear', ctx), renderSimFaults);
  let spec: unknown;
  try {
    spec = JSON.parse(args[0] ?? '');
  } catch {
    throw new UsageError(bilingual(`Give the faults as JSON, e.g. '{"rates":{"InternalServerError":0.05},"goawayEvery":1000,"seed":1}', or --clear.`, `请以 JSON 给出故障设置,例如 '{"rates":{"InternalServerError":0.05},"goawayEvery":1000,"seed":1}',或使用 --clear。`));
  }
  return respond(ctx, 0, await setFaults(spec, ctx), renderSimFaults);
};
