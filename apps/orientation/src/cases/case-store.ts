import { NotFound } from '@sas/platform';
import { EntityManager } from 'typeorm';
import { CaseEntity } from './case.entity';

/** Reads a case and locks it for the rest of the transaction: one change at a time per case. */
export async function lockCase(tx: EntityManager, id: string): Promise<CaseEntity> {
  const kase = await tx.getRepository(CaseEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!kase) throw new NotFound(`case ${id} does not exist`);
  return kase;
}

/** Saves the changed fields of a locked case and bumps its revision. */
export async function saveCase(tx: EntityManager, kase: CaseEntity, changes: Partial<CaseEntity>, at: Date): Promise<void> {
  Object.assign(kase, changes, { revision: kase.revision + 1, updatedAt: at });
  await tx.getRepository(CaseEntity).update(kase.id, { ...changes, revision: kase.revision, updatedAt: at });
}

export async function recordStep(
  tx: EntityManager,
  step: {
    caseId: string;
    step: string;
    result?: string | null;
    actorId: string | null;
    actorRole: string;
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO orientation.case_step (case_id, step, result, actor_id, actor_role, details, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [step.caseId, step.step, step.result ?? null, step.actorId, step.actorRole, JSON.stringify(step.details ?? {}), step.at],
  );
}
