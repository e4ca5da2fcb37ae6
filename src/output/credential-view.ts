/** `cert check`: its JSON documents, and a credential's description rendered. */
import type { CredentialDescription } from '../core/credentials/inspect.js';
import type { Finding, Lang } from '../core/finding.js';
import { formatFindings, type Style } from './style.js';
import { say, type View } from './view.js';

export interface CertFileData {
  ok: boolean;
  credential: CredentialDescription;
  findings: Finding[];
  /** The file as given (for the heading; not part of the JSON contract's fields). */
  file: string;
}

export interface CertProfileData {
  ok: boolean;
  profile: string;
  credentials: Array<{ certName: string; environment: string; voip?: true; credential: CredentialDescription | Record<string, unknown>; findings: Finding[] }>;
}

type Field = keyof CredentialDescription;

const LABELS: Record<Lang, Record<Field, string>> = {
  en: {
    kind: 'kind', environment: 'environment', bundleId: 'bundle id', topics: 'topics', teamId: 'team', keyId: 'key id',
    subject: 'subject', issuer: 'issuer', notBefore: 'valid from', notAfter: 'valid until', daysLeft: 'days left', fingerprint: 'sha-256',
  },
  zh: {
    kind: '类型', environment: '环境', bundleId: 'Bundle ID', topics: '推送主题', teamId: 'Team ID', keyId: 'Key ID',
    subject: '证书主体', issuer: '颁发者', notBefore: '生效时间', notAfter: '过期时间', daysLeft: '剩余天数', fingerprint: 'SHA-256',
  },
};

/** Pads by display width: CJK characters take two columns in a terminal. */
const padDisplay = (text: string, width: number): string => {
  const shown = [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - shown));
};

const ORDER: Field[] = ['kind', 'environment', 'bundleId', 'topics', 'teamId', 'keyId', 'subject', 'issuer', 'notBefore', 'notAfter', 'daysLeft', 'fingerprint'];

export function formatCredential(c: Partial<CredentialDescription>, s: Style, label?: string, lang: Lang = 'en'): string {
  const text = (field: Field): string | undefined => {
    const value = c[field];
    if (Array.isArray(value)) return value.length ? value.join(', ') : undefined;
    return value === undefined || value === '' ? undefined : String(value);
  };
  const lines = ORDER.flatMap((field) => {
    const value = text(field);
    return value === undefined ? [] : [`  ${s.dim(padDisplay(LABELS[lang][field], 12))} ${value}`];
  });
  return [label ? s.bold(label) : '', ...lines].filter(Boolean).join('\n');
}

function verdictLine(findings: Finding[], view: View): string {
  const s = view.style;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors) return s.error(say(view, `✖ ${errors} error(s), ${warnings} warning(s)`, `✖ ${errors} 个错误, ${warnings} 个警告`));
  return s.ok(say(view, `✔ usable${warnings ? ` (${warnings} warning(s))` : ''}`, `✔ 可用${warnings ? `(${warnings} 个警告)` : ''}`));
}

const block = (credential: Partial<CredentialDescription>, label: string, findings: Finding[], view: View): string =>
  [formatCredential(credential, view.style, label, view.lang), verdictLine(findings, view), formatFindings(findings, view.style, view.lang)].filter(Boolean).join('\n');

export const renderCertFile = (data: CertFileData, view: View): string => block(data.credential, data.file, data.findings, view);

export const renderCertProfile = (data: CertProfileData, view: View): string =>
  data.credentials.map((c) => block(c.credential, `${c.certName} (${c.environment}${c.voip ? ', PushKit' : ''})`, c.findings, view)).join('\n\n');
