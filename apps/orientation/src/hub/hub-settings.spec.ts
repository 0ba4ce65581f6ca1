import { hubSettingsFrom } from './hub-settings';

const files: Record<string, Buffer> = { '/certs/client.pem': Buffer.from('CERT'), '/certs/client.key': Buffer.from('KEY') };
const readFile = (path: string) => {
  if (!files[path]) throw new Error('ENOENT');
  return files[path];
};
const base = { HUB_SANTE_URL: 'amqp://sas:sas@localhost:5672', HUB_SANTE_SAMU: '92=fr.health.samu092, 75=fr.health.samu075' };

describe('Hub Santé settings, read once at start', () => {
  it('is off without HUB_SANTE_URL', () => {
    expect(hubSettingsFrom({ HUB_SANTE_SAMU: '92=fr.health.samu092' })).toBeUndefined();
  });

  it('reads the SAMU of each territory and the defaults', () => {
    const s = hubSettingsFrom(base, readFile)!;
    expect([...s.samuByTerritory]).toEqual([
      ['92', 'fr.health.samu092'],
      ['75', 'fr.health.samu075'],
    ]);
    expect(s).toMatchObject({
      clientId: 'fr.health.ptfsas',
      exchange: 'hubsante',
      messageTtlMs: 86_400_000,
      ackTimeoutMs: 120_000,
      tls: undefined,
    });
  });

  it.each([
    [{ HUB_SANTE_URL: 'http://hub' }, 'HUB_SANTE_URL must be an amqp:// or amqps:// URL'],
    [{ HUB_SANTE_SAMU: '' }, 'HUB_SANTE_SAMU must name the SAMU of at least one territory'],
    [{ HUB_SANTE_SAMU: '92=samu092' }, '"samu092" is not a Hub Santé client id'],
    [{ HUB_SANTE_SAMU: '99=fr.health.samu099' }, '"99" is not a département code'],
    [{ HUB_SANTE_SAMU: '92' }, 'entry "92" is not territory=clientId'],
    [{ HUB_SANTE_SAMU: '92=fr.health.samu092,92=fr.health.samu093' }, 'names territory 92 twice'],
    [{ HUB_SANTE_CLIENT_ID: 'ptfsas' }, 'HUB_SANTE_CLIENT_ID "ptfsas" is not a Hub Santé client id'],
    [{ HUB_SANTE_ACK_TIMEOUT_MS: '-1' }, 'HUB_SANTE_ACK_TIMEOUT_MS must be a positive integer of milliseconds'],
    [{ HUB_SANTE_TLS_CERT: '/certs/client.pem' }, 'HUB_SANTE_TLS_CERT and HUB_SANTE_TLS_KEY go together'],
    [
      { HUB_SANTE_TLS_CERT: '/certs/missing.pem', HUB_SANTE_TLS_KEY: '/certs/client.key' },
      'HUB_SANTE_TLS_CERT: cannot read /certs/missing.pem',
    ],
    [
      { HUB_SANTE_TLS_CERT: '/certs/client.pem', HUB_SANTE_TLS_KEY: '/certs/client.key' },
      'a TLS client certificate needs an amqps:// HUB_SANTE_URL',
    ],
  ])('refuses %j at start, naming the variable', (override, message) => {
    expect(() => hubSettingsFrom({ ...base, ...override }, readFile)).toThrow(message);
  });

  it('reads the TLS client certificate for amqps', () => {
    const s = hubSettingsFrom(
      {
        ...base,
        HUB_SANTE_URL: 'amqps://hub.esante.example:5671',
        HUB_SANTE_TLS_CERT: '/certs/client.pem',
        HUB_SANTE_TLS_KEY: '/certs/client.key',
      },
      readFile,
    )!;
    expect(s.tls).toEqual({ cert: Buffer.from('CERT'), key: Buffer.from('KEY'), ca: undefined });
  });
});
