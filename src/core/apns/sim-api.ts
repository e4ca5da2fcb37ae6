/** The APNs simulator's admin API (`/sim/v1/…`): what it answers, shared by the simulator and its clients. */

export type SimEnvironment = 'development' | 'production';

export interface SimDelivery {
  seq: number;
  token: string;
  topic: string;
  environment: SimEnvironment;
  apnsId: string;
  /** The apns-* request headers (never authorization). */
  headers: Record<string, string>;
  payload: unknown;
  receivedAt: string;
  /** The token was unknown and bound on this first push (`--auto-register`): Apple would have refused it. */
  autoRegistered?: boolean;
}

export interface SimDeliveryPage {
  /** Deliveries since the simulator started. */
  total: number;
  /** Deliveries in the log that match the query (the token, the `since`). */
  matching?: number;
  /** Pass as `since` to get the following page. */
  next: number;
  deliveries: SimDelivery[];
}
