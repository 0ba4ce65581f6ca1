import { InboxHandledAt1764600000000 } from './consumer/inbox-handled-at.migration';
import { MessagingTables1763800000000 } from './outbox/messaging-tables.migration';

/** The migrations of every service's messaging tables (outbox, inbox), to list before its own. */
export const MESSAGING_MIGRATIONS = [MessagingTables1763800000000, InboxHandledAt1764600000000];
