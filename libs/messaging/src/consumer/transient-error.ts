const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown: PostgreSQL is restarting
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * Whether an error comes from the infrastructure (the database or a network peer is
 * unavailable) rather than from the event. Such errors are retried for as long as it
 * takes instead of sending a good event to the dead-letter topic.
 */
export function isTransientError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
    e?.message ?? '',
  );
}
