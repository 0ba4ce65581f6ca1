import { dashboardCsp, dashboardSettings } from './dashboard-settings';

describe('the dashboard settings', () => {
  it('defaults to Île-de-France and the development token', () => {
    expect(dashboardSettings({})).toEqual({ region: '11' });
  });

  it('signs in with OpenID Connect when AUTH_ISSUER is set, and lets the page reach only that provider besides itself', () => {
    const settings = dashboardSettings({ AUTH_ISSUER: 'https://id.example.org/realms/sas/', DASHBOARD_CLIENT_ID: 'pilotage' });
    expect(settings.oidc).toEqual({ issuer: 'https://id.example.org/realms/sas', clientId: 'pilotage', scope: 'openid' });
    expect(dashboardCsp(settings)).toContain("connect-src 'self' https://id.example.org;");
    expect(dashboardCsp(dashboardSettings({}))).toContain("connect-src 'self';");
    expect(dashboardCsp(settings)).toContain("script-src 'self';");
  });

  it('names the variable that is wrong', () => {
    expect(() => dashboardSettings({ DASHBOARD_REGION: '99' })).toThrow(/DASHBOARD_REGION/);
    expect(() => dashboardSettings({ AUTH_ISSUER: 'id.example.org' })).toThrow(/AUTH_ISSUER/);
  });
});
