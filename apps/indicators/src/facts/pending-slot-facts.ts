import { PayloadOf, SlotPublished, SlotWithdrawn } from '@sas/contracts';
import { departementOfCommune } from '@sas/referentials';
import { EntityManager } from 'typeorm';

type SlotState = PayloadOf<typeof SlotPublished>;
type Withdrawal = PayloadOf<typeof SlotWithdrawn>;

/**
 * The slot states and withdrawals of one transaction, written as two statements before
 * it commits instead of one per event. Each statement upserts a slot once (a statement
 * may not touch a row twice): the highest revision of each slot seen in the transaction,
 * which is also what one statement per event leaves (states keep the highest revision,
 * withdrawals likewise, whatever the order).
 */
export class PendingSlotFacts {
  private readonly states = new Map<string, SlotState>();
  private readonly withdrawals = new Map<string, Withdrawal>();

  state(s: SlotState): void {
    const known = this.states.get(s.slotId);
    if (!known || known.revision < s.revision) this.states.set(s.slotId, s);
  }

  withdrawal(w: Withdrawal): void {
    const known = this.withdrawals.get(w.slotId);
    if (!known || known.revision < w.revision) this.withdrawals.set(w.slotId, w);
  }

  async write(tx: EntityManager): Promise<void> {
    if (this.states.size > 0) await writeStates(tx, [...this.states.values()]);
    if (this.withdrawals.size > 0) await writeWithdrawals(tx, [...this.withdrawals.values()]);
  }
}

async function writeStates(tx: EntityManager, states: SlotState[]): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.slot_fact AS f
       (slot_id, owner_id, practitioner_id, structure_id, commune_code, departement, start_at, end_at, snp, walk_in, state_revision,
        practitioner_rpps, structure_finess, profession)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::boolean[], $10::boolean[], $11::integer[],
       $12::text[], $13::text[], $14::text[])
     ON CONFLICT (slot_id) DO UPDATE SET
       owner_id = excluded.owner_id, practitioner_id = excluded.practitioner_id, structure_id = excluded.structure_id,
       commune_code = excluded.commune_code, departement = excluded.departement, start_at = excluded.start_at,
       end_at = excluded.end_at, snp = excluded.snp, walk_in = excluded.walk_in, state_revision = excluded.state_revision,
       practitioner_rpps = excluded.practitioner_rpps, structure_finess = excluded.structure_finess, profession = excluded.profession
     WHERE f.state_revision < excluded.state_revision`,
    [
      states.map((s) => s.slotId),
      states.map((s) => s.ownerId),
      states.map((s) => s.practitionerId ?? null),
      states.map((s) => s.structureId ?? null),
      states.map((s) => s.place.communeCode),
      states.map((s) => departementOfCommune(s.place.communeCode)),
      states.map((s) => s.start),
      states.map((s) => s.end),
      states.map((s) => s.visibility.includes('SNP')),
      states.map((s) => s.appointmentType === 'WALKIN'),
      states.map((s) => s.revision),
      // Who is paid for a consultation in this slot when its outcome names no performer (docs/payments.md).
      states.map((s) => (s.practitioner?.system === 'RPPS' ? s.practitioner.value : null)),
      states.map((s) => (s.structure?.system === 'FINESS' ? s.structure.value : null)),
      states.map((s) => s.profession),
    ],
  );
}

async function writeWithdrawals(tx: EntityManager, withdrawals: Withdrawal[]): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.slot_fact AS f (slot_id, owner_id, practitioner_id, withdrawn_reason, withdrawn_revision)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::integer[])
     ON CONFLICT (slot_id) DO UPDATE SET withdrawn_reason = excluded.withdrawn_reason, withdrawn_revision = excluded.withdrawn_revision
     WHERE f.withdrawn_revision < excluded.withdrawn_revision`,
    [
      withdrawals.map((w) => w.slotId),
      withdrawals.map((w) => w.ownerId),
      withdrawals.map((w) => w.practitionerId ?? null),
      withdrawals.map((w) => w.reason),
      withdrawals.map((w) => w.revision),
    ],
  );
}
