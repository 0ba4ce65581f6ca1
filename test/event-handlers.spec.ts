import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Every Kafka handler of the services is a controller method declared with @EventPattern,
// run by the Kafka events transport (KafkaEventsServer). This reads the sources of apps/
// and libs/ for any other way in: a kafkajs consumer, eachMessage / eachBatch, or a
// consumer mode built by hand, outside the messaging library's files that do it.

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) && !entry.name.endsWith('.fixture.ts')
      ? [path]
      : [];
  });
}

const files = [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))].map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));
const where = (pattern: RegExp) =>
  files
    .filter((f) => pattern.test(f.text))
    .map((f) => f.path)
    .sort();

describe('Kafka handlers', () => {
  it('are the @EventPattern methods of these controllers, each of which says its consumer group', () => {
    const handlers = where(/^\s*@EventPattern\(/m);
    expect(handlers).toEqual([
      'apps/indicators/src/event-counts/event-counts.consumer.ts',
      'apps/indicators/src/facts/facts.consumer.ts',
      'apps/indicators/src/territories/cpts-perimeters.consumer.ts',
      'apps/matching/src/index/slot-events.consumer.ts',
      'apps/orientation/src/follow-up/appointment-follow-up.consumer.ts',
      'apps/orientation/src/hub/hub-link.consumer.ts',
      'apps/scheduling/src/notifications/webhook-notices.consumer.ts',
      'libs/auth/src/regulators/regulator-standing.consumer.ts',
    ]);
    for (const path of handlers) {
      const text = files.find((f) => f.path === path)!.text;
      expect({ path, controller: /@Controller\(\)\s*export class \w+ implements [\w, ]*EventSubscriber/.test(text) }).toEqual({
        path,
        controller: true,
      });
    }
  });

  it('reach Kafka only through the transport: no other consumer, eachMessage or eachBatch, no consumer mode built elsewhere', () => {
    expect(where(/\.consumer\(\s*\{/)).toEqual(['libs/messaging/src/consumer/event-consumer.ts']);
    expect(where(/\beach(Message|Batch)\s*:/)).toEqual([
      'libs/messaging/src/consumer/durable-consumer.ts',
      'libs/messaging/src/consumer/replay-consumer.ts',
      'libs/messaging/src/consumer/transactional-batch-consumer.ts',
      'libs/messaging/src/consumer/transient-consumer.ts',
    ]);
    expect(where(/new (Durable|TransactionalBatch|Transient|Replay)Consumer\(/)).toEqual([
      'libs/messaging/src/consumer/kafka-events.server.ts',
    ]);
    expect(where(/\.add\(consumer\)/)).toEqual(['libs/messaging/src/consumer/kafka-events.server.ts']);
  });

  it('keep each consumer mode in a file of its own, as its spec, none over 250 lines', () => {
    const dir = join(root, 'libs/messaging/src/consumer');
    const modes = [
      'event-consumer',
      'consumer-core',
      'durable-consumer',
      'transactional-batch-consumer',
      'transient-consumer',
      'replay-consumer',
      'kafka-events.server',
      'handler-binding',
    ];
    const specs = ['durable-consumer', 'transactional-batch-consumer', 'replay-consumer', 'kafka-events.server'];
    const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').length;
    const long = [...modes.map((m) => `${m}.ts`), ...specs.map((m) => `${m}.spec.ts`)].filter((name) => lines(name) > 250);
    expect(long).toEqual([]);
  });
});
