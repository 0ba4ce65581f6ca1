import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actsAsPractice, Principal } from '@sas/auth';
import { Forbidden, NotFound } from '@sas/platform';
import { DataSource } from 'typeorm';
import { VendorsService } from '../vendors/vendors.service';
import { assertOwnAgenda, assertOwnsAll, identifiersOf, Owner, partiesOf } from './ownership';

/** Checks, before a change, that a practice or secretariat acts on its own agenda (or a vendor on one it covers). */
@Injectable()
export class AgendaAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
  ) {}

  /**
   * Slots or rules to publish: each names its owner by directory id or by RPPS, and a
   * place. The practice must act for every party the item resolves to (practitioner,
   * RPPS, structure) and for the place; one own identifier among others is not enough.
   */
  async owners(principal: Principal, items: (Owner & { practitionerRpps?: string; placeId?: string })[]): Promise<void> {
    if (!actsAsPractice(principal)) return;
    const seen = new Set<string>();
    for (const item of items) {
      const key = `${item.practitionerId}|${item.practitionerRpps}|${item.structureId}|${item.placeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const parties = await partiesOf(this.db, item);
      if (item.practitionerRpps) parties.push([item.practitionerRpps]);
      await assertOwnsAll(this.db, principal, parties, 'the item');
      if (item.placeId) await this.placeIfExists(principal, item.placeId);
    }
  }

  /** A new place (or other directory record) names only the caller's practitioner and structure. */
  async newOwner(principal: Principal, owner: Owner, what: string): Promise<void> {
    await assertOwnsAll(this.db, principal, await partiesOf(this.db, owner), what);
  }

  async slot(principal: Principal, slotId: string): Promise<void> {
    const owner = await this.ownerOf('slot', slotId);
    if (principal.role === 'vendor') return this.covered(principal, owner, `slot ${slotId}`);
    await assertOwnAgenda(this.db, principal, owner, `slot ${slotId}`);
  }

  async rule(principal: Principal, ruleId: string): Promise<void> {
    await assertOwnAgenda(this.db, principal, await this.ownerOf('opening_rule', ruleId), `opening rule ${ruleId}`);
  }

  async place(principal: Principal, placeId: string): Promise<void> {
    await assertOwnAgenda(this.db, principal, await this.ownerOf('place', placeId), `place ${placeId}`);
  }

  /** Practitioner or structure records: a practice reads only its own. */
  async entity(principal: Principal, owner: Owner, what: string): Promise<void> {
    await assertOwnAgenda(this.db, principal, owner, what);
  }

  /** A place the directory does not know is left to the write's own 400. */
  private async placeIfExists(principal: Principal, placeId: string): Promise<void> {
    const [row] = await this.db.query(`SELECT practitioner_id, structure_id FROM scheduling.place WHERE id = $1`, [placeId]);
    if (row)
      await assertOwnAgenda(
        this.db,
        principal,
        { practitionerId: row.practitioner_id, structureId: row.structure_id },
        `place ${placeId}`,
      );
  }

  private async ownerOf(table: 'slot' | 'opening_rule' | 'place', id: string): Promise<Owner> {
    const [row] = await this.db.query(`SELECT practitioner_id, structure_id FROM scheduling.${table} WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`${table.replace('_', ' ')} ${id} does not exist`);
    return { practitionerId: row.practitioner_id, structureId: row.structure_id };
  }

  private async covered(vendor: Principal, owner: Owner, what: string): Promise<void> {
    if (!(await this.vendors.covers(vendor.vendorId ?? '', await identifiersOf(this.db, owner))))
      throw new Forbidden(`${what} belongs to a practitioner this vendor is not registered for`);
  }
}
