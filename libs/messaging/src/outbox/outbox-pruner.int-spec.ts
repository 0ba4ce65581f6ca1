import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { MessagingTables1763800000000 } from './messaging-tables.migration';
import { OutboxPruner } from './outbox-pruner';

describe('OutboxPruner against PostgreSQL', () => {
  let dataSource: DataSource;
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  beforeAll(async () => {
    const { databaseUrl } = await useIsolatedEnvironment('outbox-pruner');
    const bootstrap = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    await bootstrap.query('CREATE SCHEMA box');
    await bootstrap.destroy();
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, schema: 'box', migrations: [MessagingTables1763800000000] }).initialize();
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
  const remaining = async () => ((await dataSource.query('SELECT published_at FROM box.outbox ORDER BY id')) as { published_at: Date | null }[]).map((r) => (r.published_at ? (now.getTime() - r.published_at.getTime()) / 3_600_000 : null));

  it('deletes rows published before the retention, keeps recent and unpublished ones, in chunks, and stops at the recent part', async () => {
    // 12 old published rows with an unpublished one among them, then recent ones and another old one behind them.
    await append([200, 199, 198, null, 197, 196, 195, 194, 193, 192, 191, 190, 189, 10, 5, null, 1, 300]);
    const pruner = new OutboxPruner(dataSource, { schema: 'box', retentionMs: 168 * 3_600_000, everyMs: 3_600_000, chunk: 5 });
    const queries = jest.spyOn(dataSource, 'query');

    expect(await pruner.prune(now)).toBe(12);
    // Chunks of 5: the walk stopped at the chunk holding the first recent row, so the old
    // row behind the recent ones waits for a later run (it is the exception: the relay
    // publishes in id order).
    expect(queries).toHaveBeenCalledTimes(3);
    expect(await remaining()).toEqual([null, 10, 5, null, 1, 300]);
    queries.mockRestore();

    // Nothing left to prune: one statement, nothing deleted.
    expect(await pruner.prune(now)).toBe(0);
    expect(await remaining()).toEqual([null, 10, 5, null, 1, 300]);
  });

  it('keeps everything when the retention is 0', async () => {
    await append([1000]);
    const before = await remaining();
    expect(await new OutboxPruner(dataSource, { schema: 'box', retentionMs: 0, everyMs: 1000 }).prune(now)).toBe(0);
    expect(await remaining()).toEqual(before);
  });
});
