#!/usr/bin/env node
/** Empties dist/ before a build, so no module removed from src/ lingers there. */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(fileURLToPath(new URL('../dist', import.meta.url)), { recursive: true, force: true });
