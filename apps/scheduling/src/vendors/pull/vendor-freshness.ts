import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict } from '@sas/platform';
import { DataSource } from 'typeorm';
import { Slot } from '../../fhir/fhir-types';
import { slotWithdrawnPayload } from '../../slots/slot-events';
import { SlotEntity } from '../../slots/slot.entity';
import { slotGuardSql, slotTransitionSetSql, withdrawalReasonOf } from '../../slots/slot-transitions';
import { VendorsService } from '../vendors.service';
import { fetchBundles } from './fetch-bundles';
import { pullQueries } from './pull-queries';
import { pullSettings } from './pull-settings';
import { VendorCredentials } from './vendor-http';

/** What the vendor said of a slot just before it is booked. */
export type VendorConfirmation = 'confirmed' | 'unconfirmed';

/**
 * Before a regulator books a pulled slot, asks its vendor once, within a short budget,
 * whether the slot is still free there: the public may have taken it since the last poll.
 * Taken there → the slot is withdrawn (booked-elsewhere) and the booking refused (409);
 * no answer in time → the booking goes on, marked unconfirmed, rather than keep a
 * patient waiting on the phone for a vendor that is down.
 */
@Injectable()
export class VendorFreshness {
  private readonly logger = new Logger(VendorFreshness.name);
  private readonly budgetMs = pullSettings().freshnessBudgetMs;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** Undefined for a slot that is not pulled from a vendor's endpoint. */
  async check(slot: SlotEntity, rpps: string | null): Promise<VendorConfirmation | undefined> {
    if (!slot.vendor || !slot.externalId) return undefined;
    // A SOS Médecins association's slot (no practitioner) is asked by the association's SIRET.
    const siret = rpps ? undefined : await this.siretOf(slot);
    if (!rpps && !siret) return undefined;
    const vendor = await this.vendors.get(slot.vendor).catch(() => undefined);
    if (!vendor?.endpoint) return undefined;
    const [query] = rpps
      ? pullQueries(['INT_R01'], [rpps], [], slot.startAt, slot.endAt)
      : pullQueries(['SOS'], [], [siret!], slot.startAt, slot.endAt);
    let pages: object[];
    try {
      const budget = this.budgetMs;
      pages = await fetchBundles(`${vendor.endpoint.baseUrl}${query.path}`, new VendorCredentials(vendor.endpoint.auth, budget), {
        timeoutMs: budget,
        attempts: 1,
        baseBackoffMs: 0,
        maxRetryAfterMs: 0,
        maxPages: 3,
      });
    } catch (error) {
      this.logger.warn(`vendor ${vendor.id} did not confirm slot ${slot.id} in time: ${(error as Error).message}`);
      return 'unconfirmed';
    }
    const there = pages
      .flatMap((p) => (p as { entry?: { resource?: Slot }[] }).entry ?? [])
      .map((e) => e.resource)
      .find((r) => r?.resourceType === 'Slot' && r.id === slot.externalId);
    if (there?.status === 'free') return 'confirmed';
    await this.withdraw(slot);
    throw new Conflict('slot-taken-at-vendor', `slot ${slot.id} is no longer free at vendor ${vendor.id}`, {
      slotStatus: 'booked-elsewhere',
    });
  }

  private async siretOf(slot: SlotEntity): Promise<string | undefined> {
    if (!slot.structureId) return undefined;
    const [row] = await this.db.query(`SELECT siret FROM scheduling.structure WHERE id = $1`, [slot.structureId]);
    return row?.siret ?? undefined;
  }

  private async withdraw(slot: SlotEntity): Promise<void> {
    await this.relay.inTransaction(async (tx) => {
      const [rows]: [{ revision: number }[], number] = await tx.query(
        `UPDATE scheduling.slot SET ${slotTransitionSetSql('book-elsewhere')} WHERE id = $1 AND ${slotGuardSql('book-elsewhere', '$2')} RETURNING revision`,
        [slot.id, new Date()],
      );
      if (rows.length)
        await this.outbox.append(
          tx,
          SlotWithdrawn,
          slotWithdrawnPayload({ ...slot, revision: rows[0].revision }, withdrawalReasonOf('book-elsewhere')),
        );
    });
  }
}
