/** The relay's state with durability: in memory, plus a journal under the data dir unless ephemeral. */
import { makePrivateDirectory } from '../adapters/dirs.js';
import { Journal, replayJournal, writeSnapshot } from './journal.js';
import { applyOp, createState, normalizeState, type Op, type RelayState } from './state.js';

export interface Store {
  readonly state: RelayState;
  /** Applies the op and resolves once it is durable; answer the client only after this. */
  commit(op: Op): Promise<void>;
  close(): Promise<void>;
  /** Journal lines that could not be read at start (a torn tail after a crash). */
  readonly skippedAtOpen: number;
}

export interface StoreOptions {
  dataDir?: string;
  ephemeral?: boolean;
  /** Compact the journal into a snapshot at start when it holds more lines than this. */
  compactAfter?: number;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const state = createState();
  if (opts.ephemeral || !opts.dataDir) {
    return {
      state,
      skippedAtOpen: 0,
      commit: async (op) => applyOp(state, op),
      close: async () => undefined,
    };
  }
  const dir = opts.dataDir;
  makePrivateDirectory(dir);
  const replay = replayJournal<Op>(dir);
  if (replay.snapshot) normalizeState(Object.assign(state, replay.snapshot as RelayState));
  for (const op of replay.records) applyOp(state, op);
  normalizeState(state);
  if (replay.records.length > (opts.compactAfter ?? 10_000)) writeSnapshot(dir, replay.lastSeq, state);
  const journal = await Journal.open<Op>(dir, replay.lastSeq);
  return {
    state,
    skippedAtOpen: replay.skipped,
    async commit(op) {
      applyOp(state, op);
      await journal.append(op);
    },
    close: () => journal.close(),
  };
}
