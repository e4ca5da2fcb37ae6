import { describe, expect, it } from 'vitest';
import { checkCertName, checkCertNameKnown } from '../../../src/core/credentials/index.js';

const ids = (issues: Array<{ id: string }>) => issues.map((i) => i.id);

describe('certificate name rules', () => {
  it.each([
    ['push-prod', []],
    ['a'.repeat(32), []],
    ['a'.repeat(33), ['certname.too-long']],
    ['推'.repeat(32), []],
    ['推'.repeat(33), ['certname.too-long']],
    ['', ['certname.missing']],
    ['   ', ['certname.missing']],
    [undefined, ['certname.missing']],
  ] as const)('%j -> %j', (name, expected) => expect(ids(checkCertName(name))).toEqual(expected));

  it('reports the length and the limit of a long name', () => {
    expect(checkCertName('x'.repeat(40))[0].params).toMatchObject({ certName: 'x'.repeat(40), length: 40, max: 32 });
  });

  it.each([
    ['prod', ['dev', 'prod'], []],
    ['Prod', ['dev', 'prod'], ['certname.unknown']],
    ['prod', [], ['certname.unknown']],
  ] as const)('known check: %j in %j -> %j', (name, known, expected) => expect(ids(checkCertNameKnown(name, known))).toEqual(expected));
});
