import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actsAsPractice, Principal } from '@sas/auth';
import { Forbidden } from '@sas/platform';
import { DataSource } from 'typeorm';

/**
 * Whose agendas a reader sees, as directory ids: the practitioners and structures its
 * token names (practice, secretariat), or its CPTS's members (coordinator). A slot is in
 * scope when its practitioner is, or its structure is (a structure's slot is every member's,
 * as for writes). `who` names the reader in refusals.
 */
export interface AgendaScope {
  practitionerIds: string[];
  structureIds: string[];
  who: string;
}

@Injectable()
export class AgendaScopes {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(reader: Principal): Promise<AgendaScope> {
    if (actsAsPractice(reader)) {
      const ids = [...reader.practitionerRpps, ...reader.structureIds];
      return this.ofIdentifiers(ids, ids, `this ${reader.role}`);
    }
    if (reader.role === 'cpts-coordinator') return this.ofCpts(reader.cptsId ?? '');
    throw new Forbidden(`a ${reader.role} has no agenda of its own`);
  }

  /** The members of a registered CPTS; 403 when the coordinator's CPTS is not registered. */
  async ofCpts(cptsId: string): Promise<AgendaScope> {
    const [cpts] = await this.db.query<{ practitioner_rpps: string[]; structure_ids: string[] }[]>(
      `SELECT practitioner_rpps, structure_ids FROM scheduling.cpts WHERE id = $1`,
      [cptsId],
    );
    if (!cpts) throw new Forbidden(`CPTS ${cptsId} (the token's sas_cpts) is not registered`);
    return this.ofIdentifiers(cpts.practitioner_rpps, cpts.structure_ids, `the coordinator of CPTS ${cptsId}`);
  }

  /** Practitioners by RPPS or ADELI, structures by SIRET or FINESS, as the directory knows them. */
  async ofIdentifiers(practitioners: string[], structures: string[], who: string): Promise<AgendaScope> {
    const ids = async (sql: string, values: string[]) =>
      values.length ? (await this.db.query<{ id: string }[]>(sql, [values])).map((r) => r.id) : [];
    return {
      practitionerIds: await ids(`SELECT id FROM scheduling.practitioner WHERE rpps = ANY($1) OR adeli = ANY($1)`, practitioners),
      structureIds: await ids(`SELECT id FROM scheduling.structure WHERE siret = ANY($1) OR finess = ANY($1)`, structures),
      who,
    };
  }
}
