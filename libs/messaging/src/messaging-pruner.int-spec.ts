import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../test/support/isolated-environment';
import { MessagingPruner, MessagingPrunerOptions } from './messaging-pruner';
import { MESSAGING_MIGRATIONS } from './migrations';

describe('MessagingPruner against PostgreSQL', () => {
  let dataSource: DataSource;
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  beforeAll(async () => {
    const { databaseUrl } = await useIsolatedEnvironment('messaging-pruner');
    const bootstrap = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    await bootstrap.query('CREATE SCHEMA box');
    await bootstrap.destroy();
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema: 'box',
      migrations: MESSAGING_MIGRATIONS,
    }).initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** Appends rows in id order, each published that many hours before `now` (null: not published). */
  async function append(publishedHoursAgo: (number | null)[]): Promise<void> {
    await dataSource.query(
      `INSERT INTO box.outbox (event_id, topic, message_key, headers, payload, published_at)
       SELECT 'e' || nextval('box.outbox_id_seq'), 't', 'k', '{}', '{}', p FROM unnest($1::timestamptz[]) WITH ORDINALITY AS t(p, n) ORDER BY n`,
      [publishedHoursAgo.map((h) => (h === null ? null : hoursAgo(h)))],
    );
  }
  const remaining = async () =>
    ((await dataSource.query('SELECT published_at FROM box.outbox ORDER BY id')) as { published_at: Date | null }[]).map((r) =>
      r.published_at ? (now.getTime() - r.published_at.getTime()) / 3_600_000 : null,
    );

  const week = 168 * 3_600_000;
  const pruner = (options: Partial<MessagingPrunerOptions>) =>
    new MessagingPruner(dataSource, {
      schema: 'box',
      outboxRetentionMs: week,
      inboxRetentionMs: week,
      everyMs: 3_600_000,
      ...options,
    });

  it('deletes outbox rows published before the retention, keeps recent and unpublished ones, in chunks, and stops at the recent part', async () => {
    // 12 old published rows with an unpublished one among them, then recent ones and another old one behind them.
    await append([200, 199, 198, null, 197, 196, 195, 194, 193, 192, 191, 190, 189, 10, 5, null, 1, 300]);
    const outboxPruner = pruner({ chunk: 5 });
    const queries = jest.spyOn(dataSource, 'query');

    expect(await outboxPruner.pruneOutbox(now)).toBe(12);
    // Chunks of 5: the walk stopped at the chunk holding the first recent row, so the old
    // row behind the recent ones waits for a later run (it is the exception: the relay
    // publishes in id order).
    expect(queries).toHaveBeenCalledTimes(3);
    expect(await remaining()).toEqual([null, 10, 5, null, 1, 300]);
    queries.mockRestore();

    // Nothing left to prune: one statement, nothing deleted.
    expect(await outboxPruner.pruneOutbox(now)).toBe(0);
    expect(await remaining()).toEqual([null, 10, 5, null, 1, 300]);
  });

  it('forgets inbox entries handled before the retention, whatever their consumer, and keeps the recent ones', async () => {
    await dataSource.query(
      `INSERT INTO box.inbox (consumer, event_id, handled_at)
       SELECT c, e, h FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(c, e, h)`,
      [['a', 'a', 'b', 'b', 'a'], ['e1', 'e2', 'e1', 'e3', 'e4'], [200, 169, 300, 167, 1].map(hoursAgo)],
    );
    expect(await pruner({}).pruneInbox(now)).toBe(3);
    expect(await dataSource.query('SELECT consumer, event_id FROM box.inbox ORDER BY handled_at')).toEqual([
      { consumer: 'b', event_id: 'e3' },
      { consumer: 'a', event_id: 'e4' },
    ]);
    // On a large inbox the statement finds the old entries through this index (its migration).
    expect(
      await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'box' AND indexname = 'inbox_handled_at'`),
    ).toEqual([{ indexdef: expect.stringContaining('USING brin (handled_at)') }]);
  });

  it('keeps everything when a retention is 0', async () => {
    await append([1000]);
    await dataSource.query(`INSERT INTO box.inbox (consumer, event_id, handled_at) VALUES ('a', 'old', $1)`, [hoursAgo(1000)]);
    const before = await remaining();
    expect(await pruner({ outboxRetentionMs: 0, inboxRetentionMs: 0 }).prune(now)).toEqual({ outbox: 0, inbox: 0 });
    expect(await remaining()).toEqual(before);
    expect(await dataSource.query(`SELECT event_id FROM box.inbox WHERE event_id = 'old'`)).toEqual([{ event_id: 'old' }]);
  });
});
