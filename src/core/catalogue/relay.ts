import type { CatalogueEntry } from '../finding.js';

export const relayEntries: CatalogueEntry[] = [];
