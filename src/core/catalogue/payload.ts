import type { CatalogueEntry } from '../finding.js';

export const payloadEntries: CatalogueEntry[] = [];
