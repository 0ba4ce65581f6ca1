import { cloudEventType, EventDefinition } from './event-definition';
import { EventCatalogue } from './catalogue';

/** CloudEvents attributes in the Kafka binary binding, shared by every message. */
const cloudEventHeaders = {
  type: 'object',
  required: ['ce_id', 'ce_type', 'ce_source', 'ce_specversion', 'ce_time', 'ce_subject', 'content-type'],
  properties: {
    ce_id: { type: 'string', description: 'unique event id; consumers deduplicate on it' },
    ce_type: { type: 'string', description: 'fr.sas.<event-name>.v<version>' },
    ce_source: { type: 'string', description: 'producing service, e.g. /sas/scheduling' },
    ce_specversion: { type: 'string', const: '1.0' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string', description: 'what the event is about (slot, appointment, case…)' },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: { type: 'string', description: 'W3C trace context' },
    tracestate: { type: 'string' },
  },
};

/** Builds the AsyncAPI 3.0 document of the whole catalogue: a BI consumer's contract. */
export function buildAsyncApiDocument(version = '1.0.0'): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const topics = [...new Set(EventCatalogue.map((d) => d.topic))];
  for (const topic of topics) {
    const defs = EventCatalogue.filter((d) => d.topic === topic);
    const channelId = channelIdOf(topic);
    channels[channelId] = {
      address: topic,
      description: `Events: ${defs.map((d) => d.name).join(', ')}. Key: ${defs[0].keyField}.`,
      messages: Object.fromEntries(defs.map((d) => [messageIdOf(d), { $ref: `#/components/messages/${messageIdOf(d)}` }])),
    };
    operations[`publish-${channelId}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `Produced by ${defs[0].producer}`,
    };
  }
  for (const def of EventCatalogue) {
    messages[messageIdOf(def)] = {
      name: def.name,
      title: `${def.name} v${def.version}`,
      summary: def.description,
      contentType: 'application/json',
      headers: cloudEventHeaders,
      payload: def.schema,
      bindings: { kafka: { key: { type: 'string', description: `value of payload field ${def.keyField}` } } },
      'x-cloudevents-type': cloudEventType(def),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SAS backend events',
      version,
      description:
        "Events of the service d'accès aux soins backend, CloudEvents 1.0 in Kafka binary mode. " +
        'Additive changes keep the version; a breaking change gets a new event version on a new topic, ' +
        'and both are produced during the migration period.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: 'localhost:9092', protocol: 'kafka', description: 'broker started by npm start' } },
    channels,
    operations,
    components: { messages },
  };
}

function channelIdOf(topic: string): string {
  return topic.replace(/[^a-zA-Z0-9]+/g, '-');
}

function messageIdOf(def: EventDefinition): string {
  return `${def.name}-v${def.version}`;
}
