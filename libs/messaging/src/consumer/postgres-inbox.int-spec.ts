import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { PostgresInbox } from './inbox';

describe('PostgresInbox against PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const { databaseUrl } = await useIsolatedEnvironment('postgres-inbox');
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    await dataSource.query(`CREATE SCHEMA box; CREATE TABLE box.inbox (consumer text NOT NULL, event_id text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, event_id));
      CREATE TABLE box.effect (n serial PRIMARY KEY, event_id text NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const record = (eventId: string) => ({
    eventId,
    work: (tx: EntityManager) => tx.query('INSERT INTO box.effect (event_id) VALUES ($1)', [eventId]).then(() => undefined),
  });
  const effects = async () =>
    ((await dataSource.query('SELECT event_id FROM box.effect ORDER BY n')) as { event_id: string }[]).map((r) => r.event_id);

  it('runs a batch in order, once per id: ids repeated in it or handled before run once', async () => {
    const inbox = new PostgresInbox(dataSource, 'box', 'consumer-a');
    const [a, b, c] = [randomUUID(), randomUUID(), 'not-a-uuid'];
    expect(
      await inbox.runOnce(a, async (tx) => void (await tx.query('INSERT INTO box.effect (event_id) VALUES ($1)', [a]))),
    ).toBe(true);
    expect(await inbox.runAll([b, a, c, b].map(record))).toEqual([true, false, true, false]);
    expect(await inbox.runAll([c, b].map(record))).toEqual([false, false]);
    expect(await effects()).toEqual([a, b, c]);
    // Another consumer has an inbox of its own.
    expect(await new PostgresInbox(dataSource, 'box', 'consumer-b').runAll([a].map(record))).toEqual([true]);
  });

  it('commits nothing of a batch whose work fails, claims included', async () => {
    const inbox = new PostgresInbox(dataSource, 'box', 'consumer-c');
    const [d, e] = [randomUUID(), randomUUID()];
    const before = await effects();
    await expect(
      inbox.runAll([record(d), { eventId: e, work: async () => Promise.reject(new Error('handler failed')) }]),
    ).rejects.toThrow('handler failed');
    expect(await effects()).toEqual(before);
    expect(await inbox.runAll([d, e].map(record))).toEqual([true, true]);
  });

  it('runs beforeCommit in the transaction of the batch: its writes commit with the batch, its failure undoes it', async () => {
    const inbox = new PostgresInbox(dataSource, 'box', 'consumer-d');
    const [f, g] = [randomUUID(), randomUUID()];
    const before = await effects();
    const summary = (tx: EntityManager) => tx.query(`INSERT INTO box.effect (event_id) VALUES ('summary')`).then(() => undefined);
    await expect(
      inbox.runAll([record(f)], async (tx) => (await summary(tx), Promise.reject(new Error('summary refused')))),
    ).rejects.toThrow('summary refused');
    expect(await effects()).toEqual(before);
    expect(await inbox.runAll([f, g].map(record), summary)).toEqual([true, true]);
    expect(await effects()).toEqual([...before, f, g, 'summary']);
  });
});
