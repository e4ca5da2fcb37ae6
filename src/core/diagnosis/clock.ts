/** Local wall-clock times (`HH:MM`) and do-not-disturb windows that may cross midnight. */
import type { DndWindow } from './facts.js';

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const MINUTES_PER_DAY = 24 * 60;

/** Minutes since midnight, or undefined when the text is not a valid `HH:MM`. */
export function parseClock(text: string): number | undefined {
  const match = CLOCK.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** `22:00-07:00` → `{start:'22:00', end:'07:00'}` (normalised to two digits), else undefined. */
export function parseWindow(text: string): DndWindow | undefined {
  const parts = text.split('-');
  if (parts.length !== 2) return undefined;
  const start = parseClock(parts[0]);
  const end = parseClock(parts[1]);
  if (start === undefined || end === undefined) return undefined;
  return { start: formatClock(start), end: formatClock(end) };
}

export function formatClock(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export const formatWindow = (window: DndWindow | null | undefined): string =>
  window ? `${window.start}-${window.end}` : '00:00-24:00';

/**
 * Whether `at` falls in the window. The window is half-open, [start, end): at 07:00 a
 * 22:00-07:00 window is over. A window whose end precedes its start crosses midnight. A window
 * with equal ends covers the whole day, as a 00:00-00:00 schedule does on the device.
 * Returns undefined when a time cannot be read.
 */
export function isInWindow(window: DndWindow, at: string): boolean | undefined {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  const now = parseClock(at);
  if (start === undefined || end === undefined || now === undefined) return undefined;
  if (start === end) return true;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
