/** Token under which a service provides extra readiness checks (e.g. "replay caught up"). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A named check: resolves with details when ready, throws with the reason when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}
