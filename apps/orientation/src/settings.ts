import { AUTH_SETTINGS } from '@sas/auth';
import { KAFKA_SETTINGS, MESSAGING_SETTINGS } from '@sas/messaging';
import { DATABASE_SETTINGS } from '@sas/persistence';
import { httpSettings } from '@sas/platform';
import { httpUrl, positiveInt, positiveNumber, setting, text } from '@sas/settings';
import { TELEMETRY_SETTINGS } from '@sas/telemetry';
import { HUB_SANTE_SETTINGS } from './hub/hub-settings';

/** Where orientation books (scheduling) and searches (matching). */
export const NEIGHBOUR_SETTINGS = {
  SCHEDULING_URL: setting({ type: httpUrl, default: 'http://localhost:3001', description: 'where orientation books' }),
  MATCHING_URL: setting({ type: httpUrl, default: 'http://localhost:3002', description: 'where orientation searches' }),
};

/** The patient's call-back contact: its key at rest and how long it is kept. */
export const PATIENT_CONTACT_SETTINGS = {
  // Checked (32 bytes, base64; required in production; or PATIENT_CONTACT_KEY_FILE) by ContactCipher.
  PATIENT_CONTACT_KEY: setting({
    type: text,
    secret: true,
    documentedDefault: 'development key',
    description: 'key encrypting call-back contacts at rest',
  }),
  PATIENT_CONTACT_RETENTION_DAYS: setting({
    type: positiveNumber,
    default: 30,
    description: 'how long call-back contact is kept after the call',
  }),
  CONTACT_ERASURE_INTERVAL_MS: setting({
    type: positiveInt,
    default: 3_600_000,
    description: 'how often expired contacts are erased',
  }),
};

/** How long a case waits for a vendor's confirmation of a hand-over, and how often that is checked (docs/vendor-booking.md). */
export const HAND_OVER_SETTINGS = {
  VENDOR_HAND_OVER_TIMEOUT_MS: setting({
    type: positiveNumber,
    default: 20 * 60_000,
    description: "how long a case waits for the vendor's confirmation of a hand-over before it returns to the regulator",
  }),
  VENDOR_HAND_OVER_CHECK_INTERVAL_MS: setting({
    type: positiveInt,
    default: 10_000,
    description: 'how often unconfirmed hand-overs are checked',
  }),
};

/** Every setting orientation reads, checked once at start. */
export const ORIENTATION_SETTINGS = {
  ...httpSettings(3003),
  ...DATABASE_SETTINGS,
  ...KAFKA_SETTINGS,
  ...MESSAGING_SETTINGS,
  ...AUTH_SETTINGS,
  ...TELEMETRY_SETTINGS,
  ...NEIGHBOUR_SETTINGS,
  ...PATIENT_CONTACT_SETTINGS,
  ...HAND_OVER_SETTINGS,
  ...HUB_SANTE_SETTINGS,
};
