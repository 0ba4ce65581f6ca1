import { outboxPrunerOptionsFromEnv } from './outbox-pruner';

describe('outboxPrunerOptionsFromEnv', () => {
  it('reads its settings from the environment, refusing nonsense', () => {
    expect(outboxPrunerOptionsFromEnv('box', {})).toEqual({ schema: 'box', retentionMs: 168 * 3_600_000, everyMs: 3_600_000 });
    expect(outboxPrunerOptionsFromEnv('box', { OUTBOX_RETENTION_HOURS: '0', OUTBOX_PRUNE_INTERVAL_MS: '60000' })).toEqual({ schema: 'box', retentionMs: 0, everyMs: 60_000 });
    expect(() => outboxPrunerOptionsFromEnv('box', { OUTBOX_RETENTION_HOURS: '-1' })).toThrow('OUTBOX_RETENTION_HOURS');
    expect(() => outboxPrunerOptionsFromEnv('box', { OUTBOX_PRUNE_INTERVAL_MS: 'often' })).toThrow('OUTBOX_PRUNE_INTERVAL_MS');
  });
});
