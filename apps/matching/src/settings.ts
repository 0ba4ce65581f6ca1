import { AUTH_SETTINGS } from '@sas/auth';
import { KAFKA_SETTINGS, MESSAGING_SETTINGS } from '@sas/messaging';
import { DATABASE_SETTINGS } from '@sas/persistence';
import { httpSettings } from '@sas/platform';
import { nonNegativeNumber, setting, text } from '@sas/settings';
import { TELEMETRY_SETTINGS } from '@sas/telemetry';

/** Where and how often matching keeps the snapshot of its index it restarts from. */
export const SNAPSHOT_SETTINGS = {
  MATCHING_SNAPSHOT_DIR: setting({
    type: text,
    documentedDefault: 'unset',
    description: 'directory of the index snapshots (none: no snapshot)',
  }),
  MATCHING_SNAPSHOT_EVERY_SECONDS: setting({
    type: nonNegativeNumber,
    default: 300,
    description: 'how often a snapshot is taken (0: after every batch)',
  }),
};

/** Every setting matching reads, checked once at start. */
export const MATCHING_SETTINGS = {
  ...httpSettings(3002),
  ...DATABASE_SETTINGS,
  ...KAFKA_SETTINGS,
  ...MESSAGING_SETTINGS,
  ...AUTH_SETTINGS,
  ...TELEMETRY_SETTINGS,
  ...SNAPSHOT_SETTINGS,
};
