import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Conflict, InvalidInput, NotFound } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { CreatePlaceDto } from './place.dto';
import { PlaceEntity } from './place.entity';
import { CreatePractitionerDto } from './practitioner.dto';
import { PractitionerEntity } from './practitioner.entity';
import { CreateStructureDto } from './structure.dto';
import { StructureEntity } from './structure.entity';

/** Practitioners, structures and their places of consultation. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async registerPractitioner(dto: CreatePractitionerDto): Promise<PractitionerEntity> {
    if (!dto.rpps && !dto.adeli) throw InvalidInput.field('rpps', 'an RPPS or an ADELI number is required');
    const practitioner = Object.assign(new PractitionerEntity(), {
      id: randomUUID(),
      rpps: dto.rpps ?? null,
      adeli: dto.adeli ?? null,
      profession: dto.profession,
      specialties: dto.specialties ?? [],
      familyName: dto.familyName ?? null,
      givenName: dto.givenName ?? null,
      revision: 1,
      retiredAt: null,
    });
    await this.insertUnique(
      PractitionerEntity,
      practitioner,
      'practitioner-exists',
      'a practitioner with this identifier exists',
    );
    return practitioner;
  }

  async registerStructure(dto: CreateStructureDto): Promise<StructureEntity> {
    if (!dto.siret && !dto.finess) throw InvalidInput.field('siret', 'a SIRET or a FINESS number is required');
    const structure = Object.assign(new StructureEntity(), {
      id: randomUUID(),
      siret: dto.siret ?? null,
      finess: dto.finess ?? null,
      kind: dto.kind,
      name: dto.name,
    });
    await this.insertUnique(StructureEntity, structure, 'structure-exists', 'a structure with this identifier exists');
    return structure;
  }

  async registerPlace(dto: CreatePlaceDto): Promise<PlaceEntity> {
    if (!dto.practitionerId === !dto.structureId) {
      throw InvalidInput.field('practitionerId', 'a place belongs to exactly one practitioner or one structure');
    }
    if (dto.practitionerId && (await this.practitioner(dto.practitionerId, 'practitionerId')).retiredAt)
      throw InvalidInput.field('practitionerId', 'the practitioner is retired');
    if (dto.structureId) await this.structure(dto.structureId, 'structureId');
    const place = Object.assign(new PlaceEntity(), {
      id: randomUUID(),
      practitionerId: dto.practitionerId ?? null,
      structureId: dto.structureId ?? null,
      name: dto.name ?? null,
      addressLine: dto.addressLine ?? null,
      postalCode: dto.postalCode ?? null,
      city: dto.city ?? null,
      communeCode: dto.communeCode,
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
      wheelchairAccessible: dto.wheelchairAccessible ?? false,
      conventionSector: dto.conventionSector ?? null,
      thirdPartyPayment: dto.thirdPartyPayment ?? false,
      languages: dto.languages ?? ['fr'],
      treatsWithoutCover: dto.treatsWithoutCover ?? false,
      interpreting: dto.interpreting ?? false,
      accessibility: dto.accessibility ?? [],
      homeVisitRadiusKm: dto.homeVisitRadiusKm ?? null,
      phone: dto.phone ?? null,
      regulatorPhone: dto.regulatorPhone ?? null,
      acceptsBeyondSlots: dto.acceptsBeyondSlots ?? null,
      revision: 1,
      retiredAt: null,
    });
    await this.db.getRepository(PlaceEntity).insert(place);
    return place;
  }

  /** The practitioner with this id; a 404 (or a 400 naming `field` when given) otherwise. */
  practitioner(id: string, field?: string): Promise<PractitionerEntity> {
    return this.findOrFail(PractitionerEntity, 'practitioner', id, field);
  }

  async practitionerByRpps(rpps: string): Promise<PractitionerEntity | null> {
    return this.db.getRepository(PractitionerEntity).findOneBy({ rpps });
  }

  structure(id: string, field?: string): Promise<StructureEntity> {
    return this.findOrFail(StructureEntity, 'structure', id, field);
  }

  place(id: string, field?: string): Promise<PlaceEntity> {
    return this.findOrFail(PlaceEntity, 'place', id, field);
  }

  private async findOrFail<T extends { id: string }>(entity: new () => T, what: string, id: string, field?: string): Promise<T> {
    const found = await this.db.getRepository(entity).findOneBy({ id } as never);
    if (found) return found;
    if (field) throw InvalidInput.field(field, `no ${what} ${id}`);
    throw new NotFound(`${what} ${id} does not exist`);
  }

  private async insertUnique<T extends object>(entity: new () => T, row: T, reason: string, message: string): Promise<void> {
    try {
      await this.db.getRepository(entity).insert(row as never);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new Conflict(reason, message);
      throw error;
    }
  }
}
