import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { FieldError, Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { checkRpps, checkSiret } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { RegisterVendorDto } from './vendor.dto';
import { parseVendorEndpoint, VendorEndpoint } from './vendor-endpoint';

export interface Vendor {
  id: string;
  name: string;
  practitionerRpps: string[];
  structureIds: string[];
  /** Where scheduling pulls the vendor's slots from; absent for a vendor that only pushes. */
  endpoint?: VendorEndpoint;
  lastConfirmedAt?: string;
  updatedAt: string;
}

/** The agenda vendors admins register, with what each may publish for and where it is pulled from. */
@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async register(admin: Principal, id: string, dto: RegisterVendorDto): Promise<Vendor> {
    const endpoint = checkRegistration(dto);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scheduling.vendor (id, name, practitioner_rpps, structure_ids, endpoint) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, practitioner_rpps = excluded.practitioner_rpps, structure_ids = excluded.structure_ids,
           endpoint = excluded.endpoint, updated_at = now()`,
        [
          id,
          dto.name,
          [...new Set(dto.practitionerRpps)],
          [...new Set(dto.structureIds)],
          endpoint ? JSON.stringify(endpoint) : null,
        ],
      );
      await this.audit.record(tx, admin, {
        action: 'vendor-registered',
        targetType: 'vendor',
        targetId: id,
        detail: { practitioners: dto.practitionerRpps.length, structures: dto.structureIds.length, pulled: Boolean(endpoint) },
      });
    });
    return this.get(id);
  }

  async get(id: string, reader?: Principal): Promise<Vendor> {
    if (reader?.role === 'vendor' && reader.vendorId !== id) throw new Forbidden(`a vendor reads only its own registration`);
    const [row] = await this.db.query(`SELECT * FROM scheduling.vendor WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`vendor ${id} is not registered`);
    return vendorOf(row);
  }

  /** The vendors scheduling pulls from. */
  async pulled(): Promise<Vendor[]> {
    const rows = await this.db.query(`SELECT * FROM scheduling.vendor WHERE endpoint IS NOT NULL ORDER BY id`);
    return rows.map(vendorOf);
  }

  /** Whether the vendor is registered for any of these practitioner or structure identifiers. */
  async covers(vendorId: string, identifiers: string[]): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM scheduling.vendor WHERE id = $1 AND (practitioner_rpps && $2 OR structure_ids && $2)`,
      [vendorId, identifiers],
    );
    return Boolean(row);
  }

  /** The RPPS numbers of a feed the vendor is not registered for (all of them when the vendor is unknown). */
  async uncovered(vendorId: string, rpps: string[]): Promise<string[]> {
    const [row] = await this.db.query(`SELECT practitioner_rpps FROM scheduling.vendor WHERE id = $1`, [vendorId]);
    const covered = new Set<string>(row?.practitioner_rpps ?? []);
    return [...new Set(rpps)].filter((r) => !covered.has(r));
  }

  /** The SIRETs (SOS Médecins associations) of a push the vendor is not registered for. */
  async uncoveredStructures(vendorId: string, sirets: string[]): Promise<string[]> {
    const [row] = await this.db.query(`SELECT structure_ids FROM scheduling.vendor WHERE id = $1`, [vendorId]);
    const covered = new Set<string>(row?.structure_ids ?? []);
    return [...new Set(sirets)].filter((s) => !covered.has(s));
  }
}

/** The checks class-validator cannot state, for a pulled vendor: RPPS and SIRET keys and the endpoint's shape. */
function checkRegistration(dto: RegisterVendorDto): VendorEndpoint | undefined {
  const errors: FieldError[] = [];
  let endpoint: VendorEndpoint | undefined;
  if (dto.endpoint !== undefined) {
    // Scheduling will ask the vendor about each of these numbers at every poll: a wrong key is
    // a typing error to catch now. A push-only registration keeps accepting any 11 digits, as
    // the push itself does (the guide's own example numbers fail the key).
    dto.practitionerRpps.forEach((r, i) => {
      const problem = checkRpps(r);
      if (problem) errors.push({ field: `practitionerRpps[${i}]`, reason: problem });
    });
    const parsed = parseVendorEndpoint(dto.endpoint);
    if (!parsed.ok) errors.push(...parsed.errors);
    else endpoint = parsed.value;
    if (endpoint?.flows.includes('SOS')) {
      dto.structureIds.forEach((s, i) => {
        const problem = /^\d{14}$/.test(s) ? checkSiret(s) : 'the SOS Médecins search takes SIRET (14 digits)';
        if (problem) errors.push({ field: `structureIds[${i}]`, reason: problem });
      });
    }
  }
  if (errors.length) throw new InvalidInput(errors);
  return endpoint;
}

interface VendorRow {
  id: string;
  name: string;
  practitioner_rpps: string[];
  structure_ids: string[];
  endpoint: VendorEndpoint | null;
  last_confirmed_at: Date | null;
  updated_at: Date;
}

function vendorOf(row: VendorRow): Vendor {
  return {
    id: row.id,
    name: row.name,
    practitionerRpps: row.practitioner_rpps,
    structureIds: row.structure_ids,
    ...(row.endpoint && { endpoint: row.endpoint }),
    ...(row.last_confirmed_at && { lastConfirmedAt: row.last_confirmed_at.toISOString() }),
    updatedAt: row.updated_at.toISOString(),
  };
}
