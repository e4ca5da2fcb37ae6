import type { CatalogueEntry } from '../finding.js';

export const certEntries: CatalogueEntry[] = [];
