import type { CatalogueEntry } from '../finding.js';

export const certnameEntries: CatalogueEntry[] = [];
