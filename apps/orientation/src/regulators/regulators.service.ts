import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, CLAIMS, Principal } from '@sas/auth';
import { RegulatorAccountChanged } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CreateRegulatorDto, RegulatorIdentityDto } from './regulator.dto';
import { identityChanges, identityFromToken } from './regulator-identity';
import { RegulatorEntity, RegulatorRole } from './regulator.entity';

/** Regulator accounts. Every request reads the account afresh: deactivation is immediate. */
@Injectable()
export class RegulatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async create(dto: CreateRegulatorDto, admin: Principal): Promise<RegulatorEntity> {
    if (!dto.nationalId && !dto.localId) throw InvalidInput.field('nationalId', 'give a national identifier or a localId');
    const regulator = Object.assign(new RegulatorEntity(), {
      id: randomUUID(),
      nationalId: dto.nationalId ?? null,
      localId: dto.localId ?? null,
      displayName: dto.displayName ?? null,
      familyName: dto.familyName ?? null,
      givenName: dto.givenName ?? null,
      email: dto.email ?? null,
      role: dto.role,
      territories: dto.territories,
      active: true,
      createdAt: new Date(),
      deactivatedAt: null,
    });
    try {
      await this.db.transaction(async (tx) => {
        await tx.getRepository(RegulatorEntity).insert(regulator);
        await this.audit.record(tx, admin, {
          action: 'account-created',
          targetType: 'regulator',
          targetId: regulator.id,
          territory: regulator.territories[0],
          detail: { role: regulator.role, territories: regulator.territories },
        });
      });
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

  async setActive(id: string, active: boolean, admin: Principal): Promise<RegulatorEntity> {
    const regulator = await this.get(id);
    regulator.active = active;
    regulator.deactivatedAt = active ? null : new Date();
    await this.relay.inTransaction(async (tx) => {
      await tx.getRepository(RegulatorEntity).update(id, { active, deactivatedAt: regulator.deactivatedAt });
      await this.audit.record(tx, admin, {
        action: active ? 'account-reactivated' : 'account-deactivated',
        targetType: 'regulator',
        targetId: id,
        territory: regulator.territories[0],
      });
      // Scheduling and matching learn it from this event: the account's tokens stay valid until they expire.
      const subjects = [regulator.nationalId, regulator.localId].filter((s): s is string => !!s);
      await this.outbox.append(tx, RegulatorAccountChanged, {
        regulatorId: id,
        subjects,
        active,
        changedAt: new Date().toISOString(),
      });
    });
    return regulator;
  }

  /** Records the holder's names and e-mail (values stay out of the audit detail: it names the fields only). */
  async setIdentity(id: string, dto: RegulatorIdentityDto, by: Principal): Promise<RegulatorEntity> {
    const changes = {
      ...(dto.familyName ? { familyName: dto.familyName } : {}),
      ...(dto.givenName ? { givenName: dto.givenName } : {}),
      ...(dto.email ? { email: dto.email } : {}),
    };
    if (!Object.keys(changes).length) throw InvalidInput.field('familyName', 'give familyName, givenName or email');
    const regulator = await this.get(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(RegulatorEntity).update(id, changes);
      await this.audit.record(tx, by, {
        action: 'account-identity-changed',
        targetType: 'regulator',
        targetId: id,
        territory: regulator.territories[0],
        detail: { fields: Object.keys(changes) },
      });
    });
    return Object.assign(regulator, changes);
  }

  /**
   * The account acting on a case, from the bearer token: its function and territories are
   * the token's (the identity provider's claims), its account — found by the token subject
   * as national or local id, opened on first sight — says whether it may still act
   * (deactivation is immediate). It must have one of the functions the action needs and
   * work for the case's territory.
   */
  /**
   * The acting regulator's account, checked for this action. Inside a transaction, pass
   * its manager: taking a second pooled connection while holding one starves the pool
   * under load (every request holding one, waiting for another).
   */
  async actor(
    principal: Principal,
    territory: string,
    roles: readonly RegulatorRole[],
    action: string,
    manager: EntityManager = this.db.manager,
  ): Promise<RegulatorEntity> {
    const repository = manager.getRepository(RegulatorEntity);
    const bySubject = () => repository.findOne({ where: [{ nationalId: principal.subject }, { localId: principal.subject }] });
    const found = await bySubject();
    const role = principal.regulatorFunction ?? found?.role;
    const territories = principal.territories.length ? principal.territories : (found?.territories ?? []);
    // Refusals first: a refused request changes nothing, not even the account.
    if (!role) throw new Forbidden(`the token names no regulator function (${CLAIMS.regulatorFunction})`);
    if (found && !found.active) throw new Forbidden(`regulator ${principal.subject} is deactivated`);
    if (!roles.includes(role)) throw new Forbidden(`a ${role} may not ${action}; allowed roles: ${roles.join(', ')}`);
    if (!territories.includes(territory))
      throw new Forbidden(`regulator ${principal.subject} does not work for territory ${territory}`);
    const identity = identityFromToken(principal.token);
    if (found) {
      const changes = {
        ...identityChanges(found, identity),
        ...(found.role !== role || found.territories.join() !== territories.join() ? { role, territories } : {}),
      };
      if (Object.keys(changes).length) {
        await repository.update(found.id, changes);
        Object.assign(found, changes);
      }
      return found;
    }
    const national = /^\d{11}$/.test(principal.subject) || /^8\d{11}$/.test(principal.subject);
    const regulator = Object.assign(new RegulatorEntity(), {
      id: randomUUID(),
      nationalId: national ? principal.subject : null,
      localId: national ? null : principal.subject,
      displayName: null,
      familyName: identity.familyName ?? null,
      givenName: identity.givenName ?? null,
      email: identity.email ?? null,
      role,
      territories,
      active: true,
      createdAt: new Date(),
      deactivatedAt: null,
    });
    // Two first requests at once: the other one opens the account (no error, which would abort a transaction).
    await repository.createQueryBuilder().insert().values(regulator).orIgnore().execute();
    return (await bySubject())!;
  }
}
