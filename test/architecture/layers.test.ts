/**
 * The layering of src/, read from every import (type-only and dynamic included): the allowed
 * directions are written down here once (and in the README's Development section), and every
 * import, every cycle and every oversized file is checked against them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

type Layer = 'shell' | 'context' | 'commands' | 'app' | 'relay' | 'apns-sim' | 'standin' | 'adapters' | 'output' | 'core';

/** Who may import whom. `output` may be imported by `app` and `context` for its JSON types only. */
export const ALLOWED: Record<Layer, readonly Layer[]> = {
  shell: ['shell', 'context', 'commands', 'app', 'relay', 'apns-sim', 'standin', 'adapters', 'output', 'core'],
  commands: ['commands', 'context', 'app', 'output', 'core'],
  context: ['core', 'output'],
  app: ['app', 'context', 'relay', 'apns-sim', 'standin', 'adapters', 'output', 'core'],
  relay: ['relay', 'apns-sim', 'adapters', 'core'],
  'apns-sim': ['apns-sim', 'standin', 'adapters', 'core'],
  standin: ['standin', 'core'],
  adapters: ['adapters', 'core'],
  output: ['output', 'core'],
  core: ['core'],
};
const TYPES_ONLY: ReadonlyArray<[from: Layer, to: Layer]> = [
  ['app', 'output'],
  ['context', 'output'],
];
/** Packages that do I/O or present: kept out of the pure and presenting layers. */
const IO_PACKAGES = ['chalk', 'inquirer', '@inquirer/prompts', 'undici', 'conf', '@parse/node-apn', 'commander'];
const PACKAGES_ALLOWED: Partial<Record<Layer, readonly string[]>> = { core: [], output: ['chalk'] };

function layerOf(file: string): Layer {
  const [top] = file.split('/');
  if (file === 'context.ts') return 'context';
  if (!file.includes('/')) return 'shell';
  return top as Layer;
}

interface Import {
  from: string;
  to: string;
  specifier: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Comments out: a comment may quote an import. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

function importsOf(path: string): Import[] {
  const text = code(readFileSync(path, 'utf8'));
  const from = relative(SRC, path);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = specifier.startsWith('.') ? relative(SRC, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts') : specifier;
    found.push({ from, to, specifier, typeOnly });
  };
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g)) add(m[3], Boolean(m[2]));
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) add(m[1], false);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1], false);
  return found;
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const local = imports.filter((i) => i.specifier.startsWith('.'));

describe('layers', () => {
  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(local.length).toBeGreaterThan(300);
    // Every relative import names a file that exists.
    const known = new Set(files.map((f) => relative(SRC, f)));
    expect(local.filter((i) => !known.has(i.to)).map((i) => `${i.from} → ${i.specifier}`)).toEqual([]);
  });

  it('every import goes in an allowed direction', () => {
    const breaks = local
      .filter((i) => {
        const a = layerOf(i.from);
        const b = layerOf(i.to);
        if (!ALLOWED[a].includes(b)) return true;
        return TYPES_ONLY.some(([x, y]) => x === a && y === b) && !i.typeOnly;
      })
      .map((i) => `${i.from} → ${i.to}${i.typeOnly ? ' (type)' : ''}`);
    expect(breaks).toEqual([]);
  });

  it('only the CLI shell imports commands/', () => {
    expect(local.filter((i) => layerOf(i.to) === 'commands' && !['shell', 'commands'].includes(layerOf(i.from))).map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('core and output stay clear of I/O packages, and core of process and console', () => {
    const offending = imports
      .filter((i) => !i.specifier.startsWith('.') && !i.specifier.startsWith('node:'))
      .filter((i) => {
        const allowed = PACKAGES_ALLOWED[layerOf(i.from)];
        return allowed !== undefined && IO_PACKAGES.includes(i.specifier) && !allowed.includes(i.specifier);
      })
      .map((i) => `${i.from} → ${i.specifier}`);
    expect(offending).toEqual([]);
    // Strings out too: a message may say "the NIM console." without touching it.
    const withoutStrings = (text: string) => text.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    const impure = files.filter((f) => layerOf(relative(SRC, f)) === 'core' && /\bprocess\.|\bconsole\./.test(withoutStrings(code(readFileSync(f, 'utf8')))));
    expect(impure.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('has no import cycle (Tarjan over files)', () => {
    const graph = new Map<string, string[]>();
    for (const i of local) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    let index = 0;
    const stack: string[] = [];
    const on = new Set<string>();
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
      }
    };
    for (const f of files.map((p) => relative(SRC, p))) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('no file is over 300 lines', () => {
    const big = files.map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 300);
    expect(big).toEqual([]);
  });
});
