import { messagingPrunerOptionsFromEnv } from './messaging-pruner';

describe('messagingPrunerOptionsFromEnv', () => {
  it('reads its settings from the environment, refusing nonsense', () => {
    const week = 168 * 3_600_000;
    expect(messagingPrunerOptionsFromEnv('box', {})).toEqual({
      schema: 'box',
      outboxRetentionMs: week,
      inboxRetentionMs: 0,
      everyMs: 3_600_000,
    });
    expect(
      messagingPrunerOptionsFromEnv('box', {
        OUTBOX_RETENTION_HOURS: '0',
        INBOX_RETENTION_HOURS: '24',
        MESSAGING_PRUNE_INTERVAL_MS: '60000',
      }),
    ).toEqual({
      schema: 'box',
      outboxRetentionMs: 0,
      inboxRetentionMs: 24 * 3_600_000,
      everyMs: 60_000,
    });
    expect(() => messagingPrunerOptionsFromEnv('box', { OUTBOX_RETENTION_HOURS: '-1' })).toThrow('OUTBOX_RETENTION_HOURS');
    expect(() => messagingPrunerOptionsFromEnv('box', { INBOX_RETENTION_HOURS: 'a week' })).toThrow('INBOX_RETENTION_HOURS');
    expect(() => messagingPrunerOptionsFromEnv('box', { MESSAGING_PRUNE_INTERVAL_MS: 'often' })).toThrow(
      'MESSAGING_PRUNE_INTERVAL_MS',
    );
  });
});
