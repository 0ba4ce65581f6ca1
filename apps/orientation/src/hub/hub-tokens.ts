/** The link's parsed configuration (HubSettings, or undefined when HUB_SANTE_URL is not set). */
export const HUB_SETTINGS = Symbol('HUB_SETTINGS');
