import { InboxHandledAt1764600000000 } from './consumer/inbox-handled-at.migration';
import { MessagingTables1763800000000 } from './outbox/messaging-tables.migration';
import { OutboxDeadLetter1764000000270 } from './outbox/outbox-dead-letter.migration';

/** The migrations of every service's messaging tables (outbox, inbox, outbox dead letters), to list before its own. */
export const MESSAGING_MIGRATIONS = [MessagingTables1763800000000, OutboxDeadLetter1764000000270, InboxHandledAt1764600000000];
