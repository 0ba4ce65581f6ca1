import { readFileSync } from 'node:fs';
import { findDepartement } from '@sas/referentials';
import { positiveInt, setting, text } from '@sas/settings';

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

/**
 * The link's variables. Most are checked together by hubSettingsFrom (the SAMU map, the
 * certificate files and the URL depend on one another); the periods by their type.
 */
export const HUB_SANTE_SETTINGS = {
  // A secret: the URL may carry the broker's user and password.
  HUB_SANTE_URL: setting({
    type: text,
    secret: true,
    documentedDefault: 'unset',
    description: "Hub Santé's amqps:// URL; unset: the link is off",
  }),
  HUB_SANTE_CLIENT_ID: setting({ type: text, default: 'fr.health.ptfsas', description: 'our Hub Santé client id' }),
  HUB_SANTE_SAMU: setting({
    type: text,
    documentedDefault: '—',
    description: 'the SAMU of each territory, 92=fr.health.samu092,…',
  }),
  HUB_SANTE_EXCHANGE: setting({ type: text, default: 'hubsante', description: 'exchange messages are published to' }),
  HUB_SANTE_TLS_CERT: setting({ type: text, documentedDefault: 'unset', description: 'PEM file of our client certificate' }),
  HUB_SANTE_TLS_KEY: setting({ type: text, documentedDefault: 'unset', description: "PEM file of the certificate's key" }),
  HUB_SANTE_TLS_CA: setting({ type: text, documentedDefault: 'unset', description: "PEM file of the hub's CA" }),
  HUB_SANTE_MESSAGE_TTL_MS: setting({
    type: positiveInt,
    default: 24 * 3600_000,
    description: 'how long after its change a message may still be delivered',
  }),
  HUB_SANTE_ACK_TIMEOUT_MS: setting({
    type: positiveInt,
    default: 120_000,
    description: "wait for the LRM's final acknowledgement before sending again",
  }),
  HUB_SANTE_DISPATCH_INTERVAL_MS: setting({
    type: positiveInt,
    default: 250,
    description: 'how often the ledger is looked at for messages to send',
  }),
  HUB_SANTE_LEDGER_RETENTION_DAYS: setting({
    type: positiveInt,
    default: 30,
    description: "how long after an appointment's last change its settled messages stay in the ledger",
  }),
  HUB_SANTE_LEDGER_PRUNE_INTERVAL_MS: setting({
    type: positiveInt,
    default: 3600_000,
    description: 'how often settled messages past their retention are pruned from the ledger',
  }),
};

/** Parses the HUB_SANTE_* variables; throws one error naming every bad variable. */
export function hubSettingsFrom(env: Env, readFile: (path: string) => Buffer = readFileSync): HubSettings | undefined {
  const url = env.HUB_SANTE_URL?.trim();
  if (!url) return undefined;
  const problems: string[] = [];
  if (!/^amqps?:\/\/[^\s]+$/.test(url)) problems.push('HUB_SANTE_URL must be an amqp:// or amqps:// URL');
  const clientId = env.HUB_SANTE_CLIENT_ID?.trim() || HUB_SANTE_SETTINGS.HUB_SANTE_CLIENT_ID.default;
  if (!CLIENT_ID.test(clientId)) problems.push(`HUB_SANTE_CLIENT_ID "${clientId}" is not a Hub Santé client id (fr.health.…)`);
  const samuByTerritory = parseSamuMap(env.HUB_SANTE_SAMU ?? '', problems);
  const exchange = env.HUB_SANTE_EXCHANGE?.trim() || HUB_SANTE_SETTINGS.HUB_SANTE_EXCHANGE.default;
  const tls = parseTls(env, url, readFile, problems);
  const messageTtlMs = period(env, 'HUB_SANTE_MESSAGE_TTL_MS', problems);
  const ackTimeoutMs = period(env, 'HUB_SANTE_ACK_TIMEOUT_MS', problems);
  const dispatchIntervalMs = period(env, 'HUB_SANTE_DISPATCH_INTERVAL_MS', problems);
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

/** A period of the link, by its definition: problems are gathered with the others. */
function period(
  env: Env,
  name: 'HUB_SANTE_MESSAGE_TTL_MS' | 'HUB_SANTE_ACK_TIMEOUT_MS' | 'HUB_SANTE_DISPATCH_INTERVAL_MS',
  problems: string[],
): number {
  const definition = HUB_SANTE_SETTINGS[name];
  const text = env[name]?.trim();
  if (!text) return definition.default;
  const parsed = definition.type.parse(text);
  if ('value' in parsed) return parsed.value;
  problems.push(`${name} ${parsed.reason} of milliseconds`);
  return definition.default;
}
