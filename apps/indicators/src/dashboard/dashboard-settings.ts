import { InvalidInput } from '@sas/platform';
import { AUTH_SETTINGS } from '@sas/auth';
import { departementsOfRegion } from '@sas/referentials';
import { readSettings } from '@sas/settings';
import { DASHBOARD_SETTINGS } from '../settings';

export interface DashboardSettings {
  /** The region whose SAS territories the dashboard offers. */
  region: string;
  /** OpenID Connect sign-in of the page; absent: the development token. */
  oidc?: { issuer: string; clientId: string; scope: string };
}

/** Read once at start: DASHBOARD_REGION, AUTH_ISSUER, DASHBOARD_CLIENT_ID, DASHBOARD_SCOPE. */
export function dashboardSettings(env: NodeJS.ProcessEnv = process.env): DashboardSettings {
  const settings = readSettings({ ...DASHBOARD_SETTINGS, AUTH_ISSUER: AUTH_SETTINGS.AUTH_ISSUER }, env);
  const region = settings.DASHBOARD_REGION;
  if (!departementsOfRegion(region).length) throw InvalidInput.field('DASHBOARD_REGION', `${region} is not a French region code`);
  const issuer = settings.AUTH_ISSUER;
  if (!issuer) return { region };
  return { region, oidc: { issuer, clientId: settings.DASHBOARD_CLIENT_ID, scope: settings.DASHBOARD_SCOPE } };
}

/**
 * The page's Content-Security-Policy: only this origin, plus the identity provider for the
 * token exchange of the sign-in (the page itself never asks another host for anything else).
 */
export function dashboardCsp(settings: DashboardSettings): string {
  const connect = ["'self'", ...(settings.oidc ? [new URL(settings.oidc.issuer).origin] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet positions its marks and Plot styles its figures with inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
  ].join('; ');
}
