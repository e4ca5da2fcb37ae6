/** The APNs push types and what each implies for the topic, priority and payload limit. */

export const PUSH_TYPES = [
  'alert',
  'background',
  'voip',
  'complication',
  'fileprovider',
  'mdm',
  'liveactivity',
  'location',
  'pushtotalk',
  'widgets',
] as const;

export type PushType = (typeof PUSH_TYPES)[number];

export const isPushType = (value: string): value is PushType => (PUSH_TYPES as readonly string[]).includes(value);

/** Apple requires these suffixes on the bundle id in `apns-topic` for the matching push types. */
const TOPIC_SUFFIX: Partial<Record<PushType, string>> = {
  voip: '.voip',
  complication: '.complication',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  pushtotalk: '.voip-ptt',
  widgets: '.push-type.widgets',
};

export const DEFAULT_PAYLOAD_LIMIT = 4096;
export const VOIP_PAYLOAD_LIMIT = 5120;

/** `apns-topic` for a bundle id and push type; a suffix already present is kept, not doubled. */
export function topicFor(bundleId: string, pushType: PushType): string {
  const suffix = TOPIC_SUFFIX[pushType];
  if (!suffix || bundleId.endsWith(suffix)) return bundleId;
  return bundleId + suffix;
}

export const payloadLimitFor = (pushType: PushType): number =>
  pushType === 'voip' ? VOIP_PAYLOAD_LIMIT : DEFAULT_PAYLOAD_LIMIT;

/** Apple rejects or throttles background pushes sent with priority 10. */
export const forcesLowPriority = (pushType: PushType): boolean => pushType === 'background';
