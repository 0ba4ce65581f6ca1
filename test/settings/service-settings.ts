import { SettingDefinitions } from '@sas/settings';
import { INDICATORS_SETTINGS } from '../../apps/indicators/src/settings';
import { REBUILD_SETTINGS } from '../../apps/indicators/src/rebuild/rebuild-settings';
import { MATCHING_SETTINGS } from '../../apps/matching/src/settings';
import { ORIENTATION_SETTINGS } from '../../apps/orientation/src/settings';
import { SCHEDULING_SETTINGS } from '../../apps/scheduling/src/settings';

/** Each service's settings, as its main.ts reads them at start. */
export const SERVICE_SETTINGS: Record<string, SettingDefinitions> = {
  scheduling: SCHEDULING_SETTINGS,
  matching: MATCHING_SETTINGS,
  orientation: ORIENTATION_SETTINGS,
  indicators: INDICATORS_SETTINGS,
};

/** Settings of the project's scripts (npm run indicators:rebuild). */
export const SCRIPT_SETTINGS: Record<string, SettingDefinitions> = { 'indicators:rebuild': REBUILD_SETTINGS };
