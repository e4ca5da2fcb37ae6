/**
 * Reads what an APNs certificate allows: environments, bundle id, topics, team, validity.
 * node:crypto reads the certificate itself (any key type); forge's ASN.1 parser reads the
 * subject attributes and Apple's private extensions, which node:crypto does not expose.
 */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { OID_APNS_DEVELOPMENT, OID_APNS_PRODUCTION, OID_APNS_TOPICS, OID_UID, WWDR_COMMON_NAME, type CertEnvironment, type PushEnvironment } from './apple.js';

const { asn1, pki } = forge;
type Node = forge.asn1.Asn1;

export interface PushCertificateDescription {
  /** Environments this certificate is accepted in; empty for a certificate that is not for push. */
  environments: PushEnvironment[];
  /** 'universal' when both; undefined when not a push certificate. */
  environment?: CertEnvironment;
  bundleId?: string;
  /** Topics of a universal certificate (bundle id, `.voip`, `.complication`). */
  topics: string[];
  teamId?: string;
  subject: string;
  issuer: string;
  issuerCommonName?: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, colon-separated hex. */
  fingerprint: string;
  isCa: boolean;
}

export type CertificateInput = string | Uint8Array | forge.pki.Certificate;

const SHORT_NAMES: Record<string, string> = { [OID_UID]: 'UID' };

interface DnAttr {
  type: string;
  shortName: string;
  value: string;
}

function readDn(node: Node): DnAttr[] {
  // Exported by forge but missing from its typings.
  const read = (pki as unknown as { RDNAttributesAsArray(rdn: Node): unknown[] }).RDNAttributesAsArray;
  const attrs = read(node) as Array<{ type: string; shortName?: string; value: unknown }>;
  return attrs.map((a) => ({ type: a.type, shortName: a.shortName ?? SHORT_NAMES[a.type] ?? a.type, value: String(a.value) }));
}

const formatDn = (attrs: DnAttr[]) => attrs.map((a) => `${a.shortName}=${a.value}`).join(', ');

interface Extension {
  id: string;
  value: string;
}

/** The parts of TBSCertificate we need; the version field is optional, hence the offset. */
function readTbs(der: string): { issuer: Node; subject: Node; extensions: Extension[] } {
  const root = asn1.fromDer(der) as Node;
  const tbs = (root.value as Node[])[0].value as Node[];
  const hasVersion = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC && tbs[0].type === 0;
  const at = hasVersion ? 1 : 0;
  const extensions: Extension[] = [];
  const wrapper = tbs.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  const list = wrapper ? ((wrapper.value as Node[])[0].value as Node[]) : [];
  for (const ext of list) {
    const parts = ext.value as Node[];
    const value = parts[parts.length - 1];
    extensions.push({ id: asn1.derToOid(parts[0].value as string), value: typeof value.value === 'string' ? value.value : '' });
  }
  return { issuer: tbs[at + 2], subject: tbs[at + 4], extensions };
}

/** Topics are the strings of the topic-list extension; the nested sequences only name their kind. */
function readTopics(value: string): string[] {
  if (!value) return [];
  const root = asn1.fromDer(value) as Node;
  const strings = (Array.isArray(root.value) ? root.value : []).filter((n) => typeof n.value === 'string' && n.type !== asn1.Type.SEQUENCE);
  return strings.map((n) => (n.type === asn1.Type.UTF8 ? forge.util.decodeUtf8(n.value as string) : (n.value as string)));
}

function toDer(input: CertificateInput): Buffer {
  if (typeof input === 'string') return new X509Certificate(input).raw;
  if (input instanceof Uint8Array) return new X509Certificate(Buffer.from(input)).raw;
  return Buffer.from(asn1.toDer(pki.certificateToAsn1(input)).getBytes(), 'binary');
}

/** Describes a certificate (PEM, DER or forge). Throws only when the input is not a certificate. */
export function describePushCertificate(input: CertificateInput): PushCertificateDescription {
  const der = toDer(input);
  const x509 = new X509Certificate(der);
  const { issuer, subject, extensions } = readTbs(der.toString('binary'));
  const subjectAttrs = readDn(subject);
  const issuerAttrs = readDn(issuer);
  const has = (oid: string) => extensions.some((e) => e.id === oid);
  const environments: PushEnvironment[] = [];
  if (has(OID_APNS_DEVELOPMENT)) environments.push('development');
  if (has(OID_APNS_PRODUCTION)) environments.push('production');
  const topicExt = extensions.find((e) => e.id === OID_APNS_TOPICS);
  let topics: string[] = [];
  try {
    topics = topicExt ? readTopics(topicExt.value) : [];
  } catch {
    topics = []; // a malformed topic list leaves the UID as the only topic
  }
  const first = (attrs: DnAttr[], name: string) => attrs.find((a) => a.shortName === name)?.value;
  return {
    environments,
    environment: environments.length === 2 ? 'universal' : environments[0],
    bundleId: first(subjectAttrs, 'UID'),
    topics,
    teamId: first(subjectAttrs, 'OU'),
    subject: formatDn(subjectAttrs),
    issuer: formatDn(issuerAttrs),
    issuerCommonName: first(issuerAttrs, 'CN'),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprint: x509.fingerprint256,
    isCa: x509.ca,
  };
}

/** Whether the certificate may be used for a topic: the UID, or one of a universal certificate's topics. */
export const allowsTopic = (d: Pick<PushCertificateDescription, 'bundleId' | 'topics'>, topic: string): boolean =>
  d.bundleId === topic || d.topics.includes(topic);

export const isAppleIssuer = (d: Pick<PushCertificateDescription, 'issuerCommonName'>): boolean => d.issuerCommonName === WWDR_COMMON_NAME;
