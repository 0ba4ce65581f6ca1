import { AUTH_SETTINGS } from '@sas/auth';
import { KAFKA_SETTINGS, MESSAGING_SETTINGS } from '@sas/messaging';
import { DATABASE_SETTINGS } from '@sas/persistence';
import { httpSettings } from '@sas/platform';
import { departementsOfRegion } from '@sas/referentials';
import { positiveInt, setting, SettingType, text } from '@sas/settings';
import { TELEMETRY_SETTINGS } from '@sas/telemetry';

/** How often closed days' figures are published. */
export const PUBLICATION_SETTINGS = {
  INDICATORS_PUBLICATION_INTERVAL_MS: setting({
    type: positiveInt,
    default: 900_000,
    description: "how often closed days' figures are checked and indicators-updated published when they changed",
  }),
};

/** A French region code (11: Île-de-France), as @etalab/decoupage-administratif knows them. */
const regionCode: SettingType<string> = {
  expected: 'a French region code',
  parse: (raw) => (departementsOfRegion(raw.trim()).length ? { value: raw.trim() } : { reason: 'must be a French region code' }),
};

/** What the steering dashboard offers (with AUTH_ISSUER: its OpenID Connect sign-in). */
export const DASHBOARD_SETTINGS = {
  DASHBOARD_REGION: setting({
    type: regionCode,
    default: '11',
    description: 'the region whose territories the dashboard offers',
  }),
  DASHBOARD_CLIENT_ID: setting({
    type: text,
    default: 'sas-dashboard',
    description: "the dashboard's public OpenID Connect client",
  }),
  DASHBOARD_SCOPE: setting({ type: text, default: 'openid', description: "the dashboard's OpenID Connect scope" }),
};

/** Every setting indicators reads, checked once at start. */
export const INDICATORS_SETTINGS = {
  ...httpSettings(3004),
  ...DATABASE_SETTINGS,
  ...KAFKA_SETTINGS,
  ...MESSAGING_SETTINGS,
  ...AUTH_SETTINGS,
  ...TELEMETRY_SETTINGS,
  ...PUBLICATION_SETTINGS,
  ...DASHBOARD_SETTINGS,
};
