/** Certificate-based provider authentication: what the TLS client certificate allows. */
import { X509Certificate } from 'node:crypto';
import type { ApnsReason } from '../core/catalogue/apns-reasons.js';
import { allowsTopic, describePushCertificate, type PushCertificateDescription } from '../core/credentials/push-certificate.js';
import type { SimEnvironment } from './sim-state.js';

export type ClientCertificate = { description: PushCertificateDescription } | { reason: ApnsReason };

/**
 * Reads a client certificate once per connection. Not a push certificate, outside its validity,
 * unparsable, or (when trusted CAs are given) not issued by one of them → BadCertificate.
 */
export function inspectClientCertificate(der: Buffer, nowMs: number, trustedCaPems: readonly string[] = []): ClientCertificate {
  let description: PushCertificateDescription;
  try {
    description = describePushCertificate(der);
  } catch {
    return { reason: 'BadCertificate' };
  }
  if (description.environments.length === 0) return { reason: 'BadCertificate' };
  if (nowMs < description.notBefore.getTime() || nowMs > description.notAfter.getTime()) return { reason: 'BadCertificate' };
  if (trustedCaPems.length > 0 && !isIssuedByAny(der, trustedCaPems)) return { reason: 'BadCertificate' };
  return { description };
}

function isIssuedByAny(der: Buffer, caPems: readonly string[]): boolean {
  const cert = new X509Certificate(der);
  return caPems.some((pem) => {
    try {
      const ca = new X509Certificate(pem);
      return cert.checkIssued(ca) && cert.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
}

export type CertTopicResult = { topic: string } | { reason: ApnsReason };

/** The environment must be one the certificate carries; the topic its UID or one of its topics. */
export function checkCertificateAuth(description: PushCertificateDescription, environment: SimEnvironment, topic: string | undefined): CertTopicResult {
  if (!description.environments.includes(environment)) return { reason: 'BadCertificateEnvironment' };
  if (topic === undefined || topic === '') {
    // A single-topic certificate implies its topic; a multi-topic one must be told.
    if (description.topics.length > 1 || !description.bundleId) return { reason: 'MissingTopic' };
    return { topic: description.bundleId };
  }
  return allowsTopic(description, topic) ? { topic } : { reason: 'TopicDisallowed' };
}
