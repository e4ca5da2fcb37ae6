/** Commander option strings for the diagnose fact flags, from the one table in core/diagnosis. */
import { DIAGNOSE_FLAGS } from './core/diagnosis/flags.js';

export const DIAGNOSE_FLAG_OPTIONS = DIAGNOSE_FLAGS.map((f) => ({
  flags: f.argument ? `${f.flag} ${f.argument}` : f.flag,
  description: f.description,
}));
