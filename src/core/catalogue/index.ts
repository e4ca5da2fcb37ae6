/** The diagnosis catalogue: every stable finding id, with messages in English and Chinese. */
import { fillTemplate, type CatalogueEntry, type Finding, type Issue, type Lang } from '../finding.js';
import { certnameEntries } from './certname.js';
import { p12Entries } from './p12.js';
import { certEntries } from './cert.js';
import { p8Entries } from './p8.js';
import { tokenEntries } from './token.js';
import { payloadEntries } from './payload.js';
import { receiverEntries } from './receiver.js';
import { messageEntries } from './message.js';
import { apnsEntries } from './apns.js';
import { relayEntries } from './relay.js';
import { generalEntries } from './general.js';
import { accountEntries } from './account.js';
import { nimPayloadEntries } from './nim-payload.js';
import { nimCodeEntries } from './nim-codes.js';
import { faqEntries } from './faq.js';

export const catalogue: ReadonlyMap<string, CatalogueEntry> = new Map(
  [
    ...certnameEntries,
    ...p12Entries,
    ...certEntries,
    ...p8Entries,
    ...tokenEntries,
    ...payloadEntries,
    ...accountEntries,
    ...receiverEntries,
    ...messageEntries,
    ...nimPayloadEntries,
    ...apnsEntries,
    ...relayEntries,
    ...generalEntries,
    ...nimCodeEntries,
    ...faqEntries,
  ].map((entry) => [entry.id, entry]),
);

/** Turns a language-free issue into the finding users see. Unknown ids are a programming error. */
export function describe(item: Issue, lang: Lang): Finding {
  const entry = catalogue.get(item.id);
  if (!entry) throw new Error(`finding id not in catalogue: ${item.id}`);
  const text = entry[lang];
  const params = entry.words ? localizeWords(entry.words, item.params, lang) : item.params;
  return {
    id: entry.id,
    severity: item.severity ?? entry.severity,
    message: fillTemplate(text.message, params),
    fix: fillTemplate(text.fix, params),
  };
}

function localizeWords(words: NonNullable<CatalogueEntry['words']>, params: Issue['params'], lang: Lang): Issue['params'] {
  if (!params) return params;
  const out = { ...params };
  for (const [name, table] of Object.entries(words)) {
    const value = params[name];
    const word = value === undefined ? undefined : table[String(value)];
    if (word) out[name] = word[lang];
  }
  return out;
}

export const describeAll = (items: Issue[], lang: Lang): Finding[] => items.map((i) => describe(i, lang));
