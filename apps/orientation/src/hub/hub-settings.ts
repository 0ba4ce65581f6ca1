import { readFileSync } from 'node:fs';
import { findDepartement } from '@sas/referentials';

/** Hub Santé's client ids: `fr.health.ptfsas`, `fr.health.test.ptfsas`, `fr.health.samu092`… */
const CLIENT_ID = /^fr\.health\.[a-z0-9]+(\.[a-z0-9]+)*$/;

export interface HubTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** The link's configuration, read and checked once at start; `undefined` when the link is off. */
export interface HubSettings {
  url: string;
  clientId: string;
  /** Département code → the SAMU's Hub Santé client id. */
  samuByTerritory: ReadonlyMap<string, string>;
  exchange: string;
  tls?: HubTls;
  /** How long after its change a message may still be delivered (EDXL-DE `dateTimeExpires`). */
  messageTtlMs: number;
  /** How long to wait for the LRM's final acknowledgement before sending the message again (same id). */
  ackTimeoutMs: number;
  dispatchIntervalMs: number;
}

type Env = Record<string, string | undefined>;

/** Parses the HUB_SANTE_* variables; throws one error naming every bad variable. */
export function hubSettingsFrom(env: Env, readFile: (path: string) => Buffer = readFileSync): HubSettings | undefined {
  const url = env.HUB_SANTE_URL?.trim();
  if (!url) return undefined;
  const problems: string[] = [];
  if (!/^amqps?:\/\/[^\s]+$/.test(url)) problems.push('HUB_SANTE_URL must be an amqp:// or amqps:// URL');
  const clientId = env.HUB_SANTE_CLIENT_ID?.trim() || 'fr.health.ptfsas';
  if (!CLIENT_ID.test(clientId)) problems.push(`HUB_SANTE_CLIENT_ID "${clientId}" is not a Hub Santé client id (fr.health.…)`);
  const samuByTerritory = parseSamuMap(env.HUB_SANTE_SAMU ?? '', problems);
  const exchange = env.HUB_SANTE_EXCHANGE?.trim() || 'hubsante';
  const tls = parseTls(env, url, readFile, problems);
  const messageTtlMs = positive(env, 'HUB_SANTE_MESSAGE_TTL_MS', 24 * 3600_000, problems);
  const ackTimeoutMs = positive(env, 'HUB_SANTE_ACK_TIMEOUT_MS', 120_000, problems);
  const dispatchIntervalMs = positive(env, 'HUB_SANTE_DISPATCH_INTERVAL_MS', 250, problems);
  if (problems.length) throw new Error(`Hub Santé link configuration: ${problems.join('; ')}`);
  return { url, clientId, samuByTerritory, exchange, tls, messageTtlMs, ackTimeoutMs, dispatchIntervalMs };
}

/** `92=fr.health.samu092,93=fr.health.samu093`. */
function parseSamuMap(text: string, problems: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [territory, samu, ...rest] = entry.split('=').map((p) => p.trim());
    if (!territory || !samu || rest.length) problems.push(`HUB_SANTE_SAMU entry "${entry}" is not territory=clientId`);
    else if (!findDepartement(territory)) problems.push(`HUB_SANTE_SAMU: "${territory}" is not a département code`);
    else if (!CLIENT_ID.test(samu)) problems.push(`HUB_SANTE_SAMU: "${samu}" is not a Hub Santé client id`);
    else if (map.has(territory)) problems.push(`HUB_SANTE_SAMU names territory ${territory} twice`);
    else map.set(territory, samu);
  }
  if (!map.size) problems.push('HUB_SANTE_SAMU must name the SAMU of at least one territory (e.g. 92=fr.health.samu092)');
  return map;
}

function parseTls(env: Env, url: string, readFile: (path: string) => Buffer, problems: string[]): HubTls | undefined {
  const [cert, key, ca] = ['HUB_SANTE_TLS_CERT', 'HUB_SANTE_TLS_KEY', 'HUB_SANTE_TLS_CA'].map((name) => {
    const path = env[name]?.trim();
    if (!path) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as Error).message})`);
      return undefined;
    }
  });
  if (!cert && !key) return undefined;
  if (!cert || !key) problems.push('HUB_SANTE_TLS_CERT and HUB_SANTE_TLS_KEY go together (the client certificate and its key)');
  if (!url.startsWith('amqps://')) problems.push('a TLS client certificate needs an amqps:// HUB_SANTE_URL');
  return cert && key ? { cert, key, ca } : undefined;
}

function positive(env: Env, name: string, fallback: number, problems: string[]): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) problems.push(`${name} must be a positive whole number of milliseconds`);
  return value;
}
