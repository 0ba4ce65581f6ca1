import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateRegulatorDto } from './regulator.dto';
import { RegulatorEntity, RegulatorRole } from './regulator.entity';

/** Regulator accounts. Every request reads the account afresh: deactivation is immediate. */
@Injectable()
export class RegulatorsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(dto: CreateRegulatorDto): Promise<RegulatorEntity> {
    if (!dto.nationalId && !dto.localId) throw InvalidInput.field('nationalId', 'give a national identifier or a localId');
    const regulator = Object.assign(new RegulatorEntity(), {
      id: randomUUID(),
      nationalId: dto.nationalId ?? null,
      localId: dto.localId ?? null,
      displayName: dto.displayName ?? null,
      role: dto.role,
      territories: dto.territories,
      active: true,
      createdAt: new Date(),
      deactivatedAt: null,
    });
    try {
      await this.db.getRepository(RegulatorEntity).insert(regulator);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new Conflict('regulator-exists', 'a regulator with this national or local identifier already exists');
      }
      throw error;
    }
    return regulator;
  }

  async list(territory?: string): Promise<RegulatorEntity[]> {
    const query = this.db.getRepository(RegulatorEntity).createQueryBuilder('r').orderBy('r.created_at');
    if (territory) query.where(':territory = ANY(r.territories)', { territory });
    return query.getMany();
  }

  async get(id: string): Promise<RegulatorEntity> {
    const regulator = await this.db.getRepository(RegulatorEntity).findOneBy({ id });
    if (!regulator) throw new NotFound(`regulator ${id} does not exist`);
    return regulator;
  }

  async setActive(id: string, active: boolean): Promise<RegulatorEntity> {
    const regulator = await this.get(id);
    regulator.active = active;
    regulator.deactivatedAt = active ? null : new Date();
    await this.db.getRepository(RegulatorEntity).update(id, { active, deactivatedAt: regulator.deactivatedAt });
    return regulator;
  }

  /**
   * The account acting on a case: it must exist, be active, have one of the roles the
   * action needs, and be attached to the case's territory.
   */
  async actor(id: string | undefined, territory: string, roles: readonly RegulatorRole[], action: string): Promise<RegulatorEntity> {
    if (!id) throw new Unauthenticated('name the acting regulator in the x-sas-regulator header');
    const regulator = /^[0-9a-f-]{36}$/i.test(id) ? await this.db.getRepository(RegulatorEntity).findOneBy({ id }) : null;
    if (!regulator) throw new Unauthenticated(`regulator ${id} is unknown`);
    if (!regulator.active) throw new Forbidden(`regulator ${id} is deactivated`);
    if (!roles.includes(regulator.role)) throw new Forbidden(`a ${regulator.role} may not ${action}; allowed roles: ${roles.join(', ')}`);
    if (!regulator.territories.includes(territory)) throw new Forbidden(`regulator ${id} does not work for territory ${territory}`);
    return regulator;
  }
}
