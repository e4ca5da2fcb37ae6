import type { CatalogueEntry } from '../finding.js';

export const tokenEntries: CatalogueEntry[] = [];
