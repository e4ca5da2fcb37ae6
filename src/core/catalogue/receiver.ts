import type { CatalogueEntry } from '../finding.js';

export const receiverEntries: CatalogueEntry[] = [];
