import { Conflict, NotFound } from '@sas/platform';
import { EntityManager } from 'typeorm';
import {
  decide,
  NEW_SLOT,
  SLOT_TRANSITIONS,
  SlotChangeEvent,
  SlotCommand,
  SlotCommandType,
  WithdrawalReason,
} from './slot-lifecycle';
import { SlotEntity, SlotStatus } from './slot.entity';

/**
 * The persistence side of the slot lifecycle (slot-lifecycle.ts): the only module that
 * writes a slot's status, by SQL or through the ORM. A spec (slot-status-writers.spec.ts)
 * fails when another file of scheduling does.
 */

const literal = (status: SlotStatus) => `'${status}'`;
const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

type BulkCommand = Exclude<SlotCommandType, 'release' | 'reoffer' | 'book-at-vendor' | 'resize'>;

/**
 * The SQL condition under which a transition applies, from the decider's table. `at` is
 * the SQL expression of the instant (a parameter such as `$3`); `alias` the slot table's.
 */
export function slotGuardSql(type: BulkCommand, at: string, alias?: string): string {
  // Bulk commands all depend on the start (release and book-at-vendor, which do not, are per row, as is resize).
  const { from, timing } = SLOT_TRANSITIONS[type];
  const status = column(alias, 'status');
  const statuses = from.length === 1 ? `${status} = ${literal(from[0])}` : `${status} IN (${from.map(literal).join(', ')})`;
  return `${statuses} AND ${column(alias, 'start_at')} ${timing === 'before-start' ? '>' : '<='} ${at}`;
}

/** The one SQL guard of "free and not started", for the writers that take a slot off the free list. */
export const freeAndNotStartedSql = (at: string, alias?: string): string => slotGuardSql('book', at, alias);

/** The SET clause of a transition: its target status, the next revision. */
export function slotTransitionSetSql(type: BulkCommand, alias?: string): string {
  return `status = ${literal(SLOT_TRANSITIONS[type].to)}, revision = ${column(alias, 'revision')} + 1, updated_at = now()`;
}

/** The withdrawal reason a bulk transition's slot-withdrawn events carry. */
export function withdrawalReasonOf(type: Exclude<BulkCommand, 'modify'>): WithdrawalReason {
  return SLOT_TRANSITIONS[type].emits.reason;
}

/** A slot a bulk withdrawal took off the free list: what its slot-withdrawn event needs. */
export interface WithdrawnSlotRow {
  id: string;
  owner_id: string;
  practitioner_id: string | null;
  revision: number;
}

/**
 * Withdraws, in one statement, every future free slot of a place or of a practitioner
 * (a retirement): the decider's `withdraw` guard and target, so booked, expired and
 * started slots stay as they are. Returns the rows withdrawn, for their events.
 */
export async function withdrawFreeSlotsOf(
  tx: EntityManager,
  owner: 'place_id' | 'practitioner_id',
  id: string,
  at: Date,
): Promise<WithdrawnSlotRow[]> {
  const [rows]: [WithdrawnSlotRow[], number] = await tx.query(
    `UPDATE scheduling.slot SET ${slotTransitionSetSql('withdraw')}
      WHERE ${owner} = $1 AND ${slotGuardSql('withdraw', '$2')} RETURNING id, owner_id, practitioner_id, revision`,
    [id, at],
  );
  return rows;
}

/** The status and revision of a slot as first inserted, as SQL values (`'free', 1`). */
export const NEW_SLOT_SQL = `${literal(NEW_SLOT.status)}, ${NEW_SLOT.revision}, ${NEW_SLOT.taken}`;

/**
 * Decides a command on a slot held in memory (locked, or read in the same statement) and
 * applies the decision to it; 409 with the reason and the slot's status when refused.
 * Returns the event to emit (null for a booked slot released after its start).
 */
export function changeSlot(slot: SlotEntity, command: SlotCommand): SlotChangeEvent | null {
  const decision = decide(command, slot);
  if (!decision.accepted) {
    throw new Conflict(
      decision.reason,
      decision.reason.startsWith('slot-')
        ? `slot ${slot.id} cannot be changed (${command.type}): it is ${decision.reason.slice('slot-'.length)}`
        : `slot ${slot.id} cannot be changed (${command.type}): ${decision.reason.replace(/-/g, ' ')}`,
      {
        slotStatus: slot.status,
      },
    );
  }
  slot.status = decision.status;
  slot.revision = decision.revision;
  slot.taken = decision.taken;
  return decision.event;
}

/** Same as changeSlot, without the 409: undefined when the command does not apply. */
export function tryChangeSlot(slot: SlotEntity, command: SlotCommand): { event: SlotChangeEvent | null } | undefined {
  const decision = decide(command, slot);
  if (!decision.accepted) return undefined;
  slot.status = decision.status;
  slot.revision = decision.revision;
  slot.taken = decision.taken;
  return { event: decision.event };
}

/** Writes the status, revision and bookings taken of a changed slot (only those columns). */
export async function writeSlotStatus(tx: EntityManager, slot: SlotEntity): Promise<void> {
  await tx.getRepository(SlotEntity).update(slot.id, { status: slot.status, revision: slot.revision, taken: slot.taken });
}

/** Writes a changed slot in full (its offer and its status); the exclusion constraint may refuse an overlap (23P01). */
export async function saveSlot(tx: EntityManager, slot: SlotEntity): Promise<void> {
  await tx.getRepository(SlotEntity).save(slot);
}

/** The slot, locked for the transaction; 404 when there is none. */
export async function lockSlot(tx: EntityManager, id: string): Promise<SlotEntity> {
  const slot = await tx.getRepository(SlotEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!slot) throw new NotFound(`slot ${id} does not exist`);
  return slot;
}
