import type { CatalogueEntry } from '../finding.js';

export const p8Entries: CatalogueEntry[] = [];
