import { WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from './webhook-url';

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.cabinet-morel.fr/sas', false, undefined],
    ['https://127.0.0.1:8443/hook', false, undefined],
    ['https://hooks.cabinet-morel.fr/sas?tenant=4', true, undefined],
    ['http://hooks.cabinet-morel.fr/sas', false, 'must be an https URL'],
    ['ftp://hooks.cabinet-morel.fr/sas', false, 'must be an https URL'],
    ['hooks.cabinet-morel.fr/sas', false, 'must be an absolute https URL'],
    ['https://user:pass@hooks.cabinet-morel.fr/sas', false, 'must not carry credentials'],
    ['https://hooks.cabinet-morel.fr/sas#x', false, 'must not carry a fragment'],
    ['https://' + 'a'.repeat(WEBHOOK_URL_MAX_LENGTH) + '.fr/', false, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`],
    ['https://127.0.0.1:8443/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://localhost/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://10.1.2.3/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://172.20.0.1/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://192.168.1.1/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://169.254.169.254/latest', true, 'must not name a loopback, private or link-local host'],
    ['https://[::1]/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://[fd00::1]/hook', true, 'must not name a loopback, private or link-local host'],
    ['https://172.32.0.1/hook', true, undefined],
  ])('%s (production: %s) → %s', (url, production, problem) => {
    expect(webhookUrlProblem(url, production)).toEqual(problem);
  });
});
