/** Public API of the credential inspector. */
export {
  inspectCredential,
  detectKind,
  hasErrorIssues,
  DEFAULT_WARN_DAYS,
  type ApnMaterial,
  type CredentialDescription,
  type CredentialInput,
  type CredentialReport,
  type InspectExpectations,
} from './inspect.js';
export { describePushCertificate, allowsTopic, isAppleIssuer, type PushCertificateDescription, type CertificateInput } from './push-certificate.js';
export { checkCertName, checkCertNameKnown, certNameLength } from './cert-name.js';
export { checkCertificate, daysLeft, type CertExpectations } from './cert-checks.js';
export { checkP8 } from './p8-check.js';
export {
  keyIdFromFileName,
  environmentsOf,
  APPLE_ID_PATTERN,
  WWDR_COMMON_NAME,
  OID_APNS_DEVELOPMENT,
  OID_APNS_PRODUCTION,
  OID_APNS_TOPICS,
  type CertEnvironment,
  type PushEnvironment,
} from './apple.js';
export { renderCredentialReport, type CredentialCheckResult } from './report.js';
