import type { CatalogueEntry } from '../finding.js';

export const generalEntries: CatalogueEntry[] = [];
