import { slotGuardSql, slotTransitionSetSql } from '../../slots/slot-transitions';

/**
 * The staleness clocks of pulled slots, in SQL: when a vendor last confirmed each
 * practitioner's slots (by RPPS) and each SOS Médecins association's (by SIRET), and which
 * of its free future slots are stale. A practitioner's slot ages with its practitioner's
 * clock, an association's slot (no practitioner) with its association's.
 */

/** $1 vendor, $2 RPPS[], $3 when. */
export const CONFIRM_PRACTITIONERS = `
  INSERT INTO scheduling.vendor_confirmation (vendor_id, rpps, confirmed_at) SELECT $1, unnest($2::text[]), $3
  ON CONFLICT (vendor_id, rpps) DO UPDATE SET confirmed_at = excluded.confirmed_at`;

/** $1 vendor, $2 SIRET[], $3 when. */
export const CONFIRM_ASSOCIATIONS = `
  INSERT INTO scheduling.vendor_association_confirmation (vendor_id, siret, confirmed_at) SELECT $1, unnest($2::text[]), $3
  ON CONFLICT (vendor_id, siret) DO UPDATE SET confirmed_at = excluded.confirmed_at`;

/**
 * Withdraws the vendor's ($1) free slots starting after $2 whose owner it has not confirmed
 * since $3; returns what the slot-withdrawn events need. Slots of our own API have no
 * vendor and are never matched.
 */
export const WITHDRAW_STALE = `
  UPDATE scheduling.slot s SET ${slotTransitionSetSql('withdraw-unconfirmed', 's')}
   WHERE s.vendor = $1 AND ${slotGuardSql('withdraw-unconfirmed', '$2', 's')}
     AND (
       EXISTS (SELECT 1 FROM scheduling.practitioner p JOIN scheduling.vendor_confirmation c ON c.vendor_id = $1 AND c.rpps = p.rpps
                WHERE p.id = s.practitioner_id AND c.confirmed_at < $3)
       OR (s.practitioner_id IS NULL AND EXISTS (
         SELECT 1 FROM scheduling.structure st JOIN scheduling.vendor_association_confirmation c ON c.vendor_id = $1 AND c.siret = st.siret
          WHERE st.id = s.structure_id AND c.confirmed_at < $3))
     )
  RETURNING s.id, s.owner_id, s.practitioner_id, s.revision`;
