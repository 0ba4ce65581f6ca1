import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { Conflict } from '@sas/platform';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SlotEntity } from '../../slots/slot.entity';
import { handOverSettings } from './hand-over-settings';

/** What a regulator gets instead of a booking for a slot that lives in a vendor's agenda. */
export interface HandOver {
  /** The vendor's booking page for the slot, with `origin=sas` and the reference. */
  url: string;
  /** Opaque and single use: the vendor echoes it in its Appointment (basedOn) so the SAS ties the booking back. */
  reference: string;
  expiresAt: string;
  vendor: string;
}

/**
 * Hand-overs: a vendor-hosted slot is booked at the vendor, on its page, by the regulator.
 * The reference carries nothing but randomness (no case id, no patient data): the SAS
 * alone knows which slot, case and regulator it stands for.
 */
@Injectable()
export class HandOverService {
  private readonly settings = handOverSettings();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    slot: SlotEntity,
    request: { caseId?: string; territory: string },
    actor: Principal,
    now = new Date(),
  ): Promise<HandOver> {
    if (!slot.vendor) throw new Error(`slot ${slot.id} is not a vendor's`);
    const url = bookingUrlOf(slot);
    const reference = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.referenceTtlMs);
    url.searchParams.set('origin', 'sas');
    url.searchParams.set('sas_ref', reference);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scheduling.hand_over (reference, vendor_id, slot_id, case_id, territory, requested_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [reference, slot.vendor, slot.id, request.caseId ?? null, request.territory, actor.subject, now, expiresAt],
      );
      await this.audit.record(tx, actor, {
        action: 'handed-over',
        targetType: 'slot',
        targetId: slot.id,
        territory: request.territory,
        detail: { vendor: slot.vendor, caseId: request.caseId ?? null },
      });
    });
    return { url: url.toString(), reference, expiresAt: expiresAt.toISOString(), vendor: slot.vendor };
  }
}

/** The slot's booking page (the guide's Slot.comment); a vendor slot without one cannot be handed over. */
function bookingUrlOf(slot: SlotEntity): URL {
  const url = slot.bookingUrl && URL.canParse(slot.bookingUrl) ? new URL(slot.bookingUrl) : undefined;
  if (!url || !['https:', 'http:'].includes(url.protocol)) {
    throw new Conflict(
      'slot-without-booking-page',
      `slot ${slot.id} lives at vendor ${slot.vendor}, which gave no booking page for it`,
      { slotStatus: slot.status },
    );
  }
  return url;
}
