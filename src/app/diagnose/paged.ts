/** v2's paged lists read through (`next_token`), for friendship and the block and mute lists. */
import { factsFrom, type FactKey } from '../../core/diagnosis/facts.js';
import { flagFor } from '../../core/diagnosis/flags.js';
import { issue } from '../../core/finding.js';
import { contactListV2, friendListV2, readPage } from '../../core/nim/facts-v2.js';
import { reading, type DiagnoseQuery, type ProbeReading } from '../../core/nim/probe.js';
import type { Issue } from '../../core/finding.js';
import type { OpenRelay } from '../nim-access.js';
import { ask, type AskedRecord } from './ask.js';

/** A list can be long, but not endless: a server that never stops paging is not read further. */
const MAX_PAGES = 50;

interface List<T> {
  endpoint: string;
  request(owner: string, pageToken?: string): { path: string; query: Record<string, string> };
  items(d: Record<string, unknown>): unknown;
  ids(items: T[]): string[];
}

/** Every id of a paged list, or why it could not be read whole. */
async function readAll<T>(relay: OpenRelay, list: List<T>, owner: string, log: AskedRecord[]): Promise<{ ids: string[] } | { reason: string; traceId?: string }> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const req = list.request(owner, token);
    const asked = await ask(relay, { api: 'v2', method: 'GET', path: req.path, query: req.query }, list.endpoint, log);
    if (!asked.ok) return { reason: asked.reason, traceId: asked.traceId };
    const page = readPage<T>(asked.answer, list.items);
    if (!page) return { reason: 'the answer has no items list', traceId: asked.traceId };
    ids.push(...list.ids(page.items));
    if (!page.next) return { ids };
    token = page.next;
  }
  return { reason: `more than ${MAX_PAGES} pages` };
}

type Outcome = { reading: ProbeReading } | { failed: Issue; asked: { ok: false; reason: string } };

const failed = (endpoint: string, facts: FactKey[], got: { reason: string; traceId?: string }): Outcome => ({
  failed: issue('relay.query-failed', { endpoint, reason: got.reason, facts: facts.join(', '), flags: facts.map(flagFor).join(' '), traceId: got.traceId ?? '-' }, 'warning'),
  asked: { ok: false, reason: got.reason },
});

const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();

export async function friendListV2Facts(relay: OpenRelay, q: DiagnoseQuery, _given: Set<FactKey>, log: AskedRecord[]): Promise<Outcome> {
  const got = await readAll(relay, friendListV2, q.to, log);
  if (!('ids' in got)) return failed(friendListV2.endpoint, ['friends'], got);
  return { reading: reading(factsFrom({ friends: got.ids.some((id) => same(id, q.from)) }, `relay:${friendListV2.endpoint}`)) };
}

/** The receiver's block and mute lists (it blocked or muted the sender), or the sender's block list. */
export async function contactFacts(relay: OpenRelay, q: DiagnoseQuery, side: 'receiver' | 'sender', given: Set<FactKey>, log: AskedRecord[]): Promise<Outcome> {
  const owner = side === 'receiver' ? q.to : (q.from ?? '');
  const other = side === 'receiver' ? q.from : q.to;
  const block = contactListV2('block_contacts');
  const blocked = given.has('blacklisted') ? undefined : await readAll(relay, block, owner, log);
  if (blocked && !('ids' in blocked)) return failed(block.endpoint, ['blacklisted'], blocked);
  const isBlocked = blocked && 'ids' in blocked ? blocked.ids.some((id) => same(id, other)) : undefined;
  if (side === 'sender') {
    // Only a hit says something the receiver's side did not.
    return { reading: reading(isBlocked ? factsFrom({ blacklisted: true }, `relay:${block.endpoint}`) : {}) };
  }
  const mute = contactListV2('mute_contacts');
  const muted = given.has('muted') ? undefined : await readAll(relay, mute, owner, log);
  const facts = {
    ...(isBlocked !== undefined ? factsFrom({ blacklisted: isBlocked }, `relay:${block.endpoint}`) : {}),
    ...(muted && 'ids' in muted ? factsFrom({ muted: muted.ids.some((id) => same(id, other)) }, `relay:${mute.endpoint}`) : {}),
  };
  const muteFailure = muted && !('ids' in muted) ? failed(mute.endpoint, ['muted'], muted) : undefined;
  return { reading: reading(facts, muteFailure && 'failed' in muteFailure ? [muteFailure.failed] : []) };
}
