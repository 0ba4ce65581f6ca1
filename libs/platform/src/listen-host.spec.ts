import { listenHost } from './settings/http-settings';

describe('the interface a service listens on', () => {
  it('is the loopback unless HOST is configured', () => {
    expect(listenHost({})).toBe('127.0.0.1');
    expect(listenHost({ HOST: '' })).toBe('127.0.0.1');
    expect(listenHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(listenHost({ HOST: '::' })).toBe('::');
  });
});
