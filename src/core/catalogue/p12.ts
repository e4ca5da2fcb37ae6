import type { CatalogueEntry } from '../finding.js';

export const p12Entries: CatalogueEntry[] = [];
