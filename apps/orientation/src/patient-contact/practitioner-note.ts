import { EntityManager } from 'typeorm';
import { ContactCipher } from './contact-cipher';

/**
 * Keeps the regulator's note for the practitioner with an orientation, encrypted, replacing
 * the note of an earlier orientation (a re-orientation speaks to another practitioner).
 * It is erased with the contact: a case without a contact gets the same erasure date, the
 * call plus the retention.
 */
export async function keepPractitionerNote(
  tx: EntityManager,
  kase: { id: string; callReceivedAt: Date },
  note: string | undefined,
  cipher: ContactCipher,
  retentionMs: number,
): Promise<void> {
  const sealed = note ? cipher.seal({ note }) : null;
  await tx.query(
    `UPDATE orientation.regulation_case
        SET practitioner_note = $2,
            contact_erase_after = CASE WHEN $2::bytea IS NULL THEN contact_erase_after ELSE COALESCE(contact_erase_after, $3) END
      WHERE id = $1`,
    [kase.id, sealed, new Date(kase.callReceivedAt.getTime() + retentionMs)],
  );
}
