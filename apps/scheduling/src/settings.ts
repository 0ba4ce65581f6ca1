import { AUTH_SETTINGS } from '@sas/auth';
import { KAFKA_SETTINGS, MESSAGING_SETTINGS } from '@sas/messaging';
import { DATABASE_SETTINGS } from '@sas/persistence';
import { httpSettings } from '@sas/platform';
import { boolean, httpUrl, positiveInt, positiveNumber, setting, text } from '@sas/settings';
import { TELEMETRY_SETTINGS } from '@sas/telemetry';

/** Scheduling's own settings. */
export const OPENING_RULE_SETTINGS = {
  OPENING_RULE_HORIZON_DAYS: setting({
    type: positiveInt,
    default: 14,
    description: 'how far ahead recurring opening rules open slots',
  }),
  OPENING_RULE_EXPANSION_INTERVAL_MS: setting({
    type: positiveInt,
    default: 3_600_000,
    description: 'how often rules are extended',
  }),
  SLOT_EXPIRY_INTERVAL_MS: setting({ type: positiveInt, default: 60_000, description: 'how often started slots expire' }),
};

/** How scheduling polls the agenda vendors registered with it. */
export const VENDOR_PULL_SETTINGS = {
  VENDOR_PULL_ENABLED: setting({
    type: boolean,
    default: true,
    description: 'whether the registered vendor endpoints are polled',
  }),
  VENDOR_PULL_HORIZON_HOURS: setting({ type: positiveNumber, default: 48, description: 'how far ahead vendors are asked' }),
  VENDOR_STALE_AFTER_MS: setting({
    type: positiveNumber,
    default: 15 * 60_000,
    description: 'after how long unconfirmed pulled slots are withdrawn',
  }),
  VENDOR_FRESHNESS_BUDGET_MS: setting({
    type: positiveNumber,
    default: 1500,
    description: 'how long a booking waits for the vendor to confirm a pulled slot',
  }),
  VENDOR_BREAKER_THRESHOLD: setting({
    type: positiveNumber,
    default: 3,
    description: "failed polls in a row that open a vendor's breaker",
  }),
  VENDOR_BREAKER_COOL_DOWN_MS: setting({ type: positiveNumber, default: 60_000, description: 'how long a breaker stays open' }),
  VENDOR_CYCLE_SPREAD_MS: setting({
    type: positiveNumber,
    default: 40_000,
    description: 'the longest window a scheduled poll spreads its searches over',
  }),
};

/** Hand-overs of vendor-hosted slots to the vendor's booking page (docs/vendor-booking.md). */
export const VENDOR_HAND_OVER_SETTINGS = {
  // Longer than orientation's hand-over time-out (20 min by default), so that a vendor's late
  // confirmation still finds its case; short enough that an old link is not reused for long.
  VENDOR_HAND_OVER_REFERENCE_TTL_MS: setting({
    type: positiveNumber,
    default: 4 * 3600_000,
    description: "how long a hand-over's booking reference ties the vendor's booking back to its case",
  }),
};

/** Webhook notifications to practices, structures and vendors (docs/webhooks.md). */
export const WEBHOOK_SETTINGS = {
  // Short: a practice should learn of a booking within a couple of seconds; the query is an index scan of due rows.
  WEBHOOK_DELIVERY_INTERVAL_MS: setting({
    type: positiveInt,
    default: 250,
    description: 'how often due webhook deliveries are sent',
  }),
  WEBHOOK_TIMEOUT_MS: setting({
    type: positiveInt,
    default: 10_000,
    description: 'how long a webhook endpoint has to answer one delivery',
  }),
  WEBHOOK_RETRY_FIRST_DELAY_MS: setting({
    type: positiveNumber,
    default: 5_000,
    description: 'delay before the first retry of a failed delivery; each next retry waits twice as long',
  }),
  WEBHOOK_RETRY_MAX_DELAY_MS: setting({
    type: positiveNumber,
    default: 2 * 3600_000,
    description: 'longest delay between two attempts of a delivery',
  }),
  WEBHOOK_RETRY_WINDOW_MS: setting({
    type: positiveNumber,
    default: 24 * 3600_000,
    description: 'how long a delivery is retried before it fails and its endpoint is disabled',
  }),
  WEBHOOK_CA_FILE: setting({
    type: text,
    description: 'PEM file of certificate authorities trusted for webhook endpoints besides the public ones (a private PKI)',
  }),
  WEBHOOK_OUTCOME_REMINDER_AFTER_MS: setting({
    type: positiveNumber,
    default: 24 * 3600_000,
    description: 'how long after its end a booked appointment without an outcome is reminded to its practice',
  }),
  WEBHOOK_OUTCOME_REMINDER_INTERVAL_MS: setting({
    type: positiveInt,
    default: 600_000,
    description: 'how often appointments missing an outcome are looked for',
  }),
  WEBHOOK_DELIVERY_RETENTION_DAYS: setting({
    type: positiveInt,
    default: 30,
    description: 'how long a delivered or failed webhook delivery (and its attempts) is kept for the delivery log',
  }),
  WEBHOOK_PRUNE_INTERVAL_MS: setting({
    type: positiveInt,
    default: 3600_000,
    description: 'how often settled webhook deliveries past their retention are pruned',
  }),
};

/** The practice side's calendar feeds (docs/practice-agenda.md). */
export const AGENDA_SETTINGS = {
  // Behind a proxy that terminates TLS, the request's own scheme and host are the proxy's inside view.
  AGENDA_FEED_BASE_URL: setting({
    type: httpUrl,
    documentedDefault: "unset (the request's own scheme and host)",
    description: 'the public base URL of scheduling that calendar feed URLs begin with',
  }),
};

/** Every setting scheduling reads, checked once at start. */
export const SCHEDULING_SETTINGS = {
  ...httpSettings(3001),
  ...DATABASE_SETTINGS,
  ...KAFKA_SETTINGS,
  ...MESSAGING_SETTINGS,
  ...AUTH_SETTINGS,
  ...TELEMETRY_SETTINGS,
  ...OPENING_RULE_SETTINGS,
  ...VENDOR_PULL_SETTINGS,
  ...VENDOR_HAND_OVER_SETTINGS,
  ...WEBHOOK_SETTINGS,
  ...AGENDA_SETTINGS,
};
