import { httpUrl, setting, text } from '@sas/settings';

/** What `npm run indicators:rebuild` asks, and with which token. */
export const REBUILD_SETTINGS = {
  INDICATORS_URL: setting({
    type: httpUrl,
    default: 'http://localhost:3004',
    description: 'the running indicators service asked to rebuild',
  }),
  INDICATORS_TOKEN: setting({
    type: text,
    secret: true,
    documentedDefault: 'a development admin token',
    description: 'the admin token presented',
  }),
};
