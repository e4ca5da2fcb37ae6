/** JUnit XML for CI systems: one testcase per check; failures carry the finding's id, message and fix. */

export interface JUnitCase {
  name: string;
  classname: string;
  timeMs?: number;
  failure?: { type: string; message: string; detail?: string };
  skipped?: string;
}

const escapeXml = (text: string): string =>
  text
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const seconds = (ms = 0): string => (ms / 1000).toFixed(3);

export function toJUnitXml(suiteName: string, cases: JUnitCase[], timestamp: Date): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined && !c.failure).length;
  const total = cases.reduce((sum, c) => sum + (c.timeMs ?? 0), 0);
  const body = cases.map((c) => {
    const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="${seconds(c.timeMs)}"`;
    if (c.failure) {
      const detail = c.failure.detail ? escapeXml(c.failure.detail) : '';
      return `${open}>\n      <failure type="${escapeXml(c.failure.type)}" message="${escapeXml(c.failure.message)}">${detail}</failure>\n    </testcase>`;
    }
    if (c.skipped !== undefined) return `${open}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  const attrs = `name="${escapeXml(suiteName)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(total)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs}>`,
    `  <testsuite ${attrs} timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, '')}">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
