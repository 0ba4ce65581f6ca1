import { isIP } from 'node:net';

/** Longer URLs are refused: they are stored, shown in every listing and sent with every delivery. */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * Why a webhook URL is refused, or undefined when it is acceptable. HTTPS only, in every
 * mode: the body is signed but not encrypted, and a real local HTTPS server is easy to
 * run in tests. In production, loopback, private and link-local addresses are refused too,
 * so that a registration cannot make scheduling call into its own network.
 */
export function webhookUrlProblem(raw: string, production: boolean): string | undefined {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not carry a fragment';
  if (production && internalHost(url.hostname)) return 'must not name a loopback, private or link-local host';
  return undefined;
}

function internalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6)
    return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}
