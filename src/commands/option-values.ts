/** Reading commander's loosely typed option values. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
