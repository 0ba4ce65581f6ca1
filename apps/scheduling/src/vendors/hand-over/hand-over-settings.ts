import { readSettings } from '@sas/settings';
import { VENDOR_HAND_OVER_SETTINGS } from '../../settings';

/** How long a hand-over reference ties a vendor's booking back to its case, read once at start. */
export interface HandOverSettings {
  referenceTtlMs: number;
}

export function handOverSettings(env: NodeJS.ProcessEnv = process.env): HandOverSettings {
  return { referenceTtlMs: readSettings(VENDOR_HAND_OVER_SETTINGS, env).VENDOR_HAND_OVER_REFERENCE_TTL_MS };
}
