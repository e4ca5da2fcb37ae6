/** `nim-push config list|show|use|remove|path`. */
import { respond, type CommandRunner } from '../context.js';
import { configPath, listProfiles, removeProfile, setProfileValue, showProfile, useProfile } from '../app/config.js';
import { renderConfigList, renderConfigPath, renderConfigRemove, renderConfigSet, renderConfigShow, renderConfigUse } from '../output/config-view.js';

export const runList: CommandRunner = async (_a, _o, ctx) => respond(ctx, 0, listProfiles(ctx), renderConfigList);
export const runShow: CommandRunner = async (args, _o, ctx) => respond(ctx, 0, showProfile(args[0], ctx), renderConfigShow);
export const runUse: CommandRunner = async (args, _o, ctx) => respond(ctx, 0, await useProfile(args[0] as string, ctx), renderConfigUse);
export const runRemove: CommandRunner = async (args, _o, ctx) => respond(ctx, 0, await removeProfile(args[0] as string, ctx), renderConfigRemove);
export const runPath: CommandRunner = async (_a, _o, ctx) => respond(ctx, 0, configPath(ctx), renderConfigPath);
export const runSet: CommandRunner = async (args, _o, ctx) => respond(ctx, 0, await setProfileValue(args[0] as string, args[1] as string, ctx), renderConfigSet);
