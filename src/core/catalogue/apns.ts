import type { CatalogueEntry } from '../finding.js';

export const apnsEntries: CatalogueEntry[] = [];
