import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { Forbidden, NotFound } from '@sas/platform';
import { DataSource } from 'typeorm';
import { RegisterVendorDto } from './vendor.dto';

export interface Vendor {
  id: string;
  name: string;
  practitionerRpps: string[];
  structureIds: string[];
  updatedAt: string;
}

/** The agenda vendors admins register, with what each may publish for. */
@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async register(admin: Principal, id: string, dto: RegisterVendorDto): Promise<Vendor> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scheduling.vendor (id, name, practitioner_rpps, structure_ids) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, practitioner_rpps = excluded.practitioner_rpps, structure_ids = excluded.structure_ids, updated_at = now()`,
        [id, dto.name, [...new Set(dto.practitionerRpps)], [...new Set(dto.structureIds)]],
      );
      await this.audit.record(tx, admin, { action: 'vendor-registered', targetType: 'vendor', targetId: id, detail: { practitioners: dto.practitionerRpps.length, structures: dto.structureIds.length } });
    });
    return this.get(id);
  }

  async get(id: string, reader?: Principal): Promise<Vendor> {
    if (reader?.role === 'vendor' && reader.vendorId !== id) throw new Forbidden(`a vendor reads only its own registration`);
    const [row] = await this.db.query(`SELECT * FROM scheduling.vendor WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`vendor ${id} is not registered`);
    return { id: row.id, name: row.name, practitionerRpps: row.practitioner_rpps, structureIds: row.structure_ids, updatedAt: row.updated_at.toISOString() };
  }

  /** Whether the vendor is registered for any of these practitioner or structure identifiers. */
  async covers(vendorId: string, identifiers: string[]): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM scheduling.vendor WHERE id = $1 AND (practitioner_rpps && $2 OR structure_ids && $2)`, [vendorId, identifiers]);
    return Boolean(row);
  }

  /** The RPPS numbers of a feed the vendor is not registered for (all of them when the vendor is unknown). */
  async uncovered(vendorId: string, rpps: string[]): Promise<string[]> {
    const [row] = await this.db.query(`SELECT practitioner_rpps FROM scheduling.vendor WHERE id = $1`, [vendorId]);
    const covered = new Set<string>(row?.practitioner_rpps ?? []);
    return [...new Set(rpps)].filter((r) => !covered.has(r));
  }
}
