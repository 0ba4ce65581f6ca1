import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { AppModule } from '../app.module';
import { HubLedger, NewHubMessage } from './hub-ledger';
import { HubLedgerPruningJob } from './hub-ledger-pruning.job';
import { LrmAppointment } from './lrm-appointment';

const DAY = 86_400_000;

/**
 * The ledger's retention on orientation's real PostgreSQL (the link itself is off: the job
 * runs either way). An appointment's messages go together, and only once nothing of it is
 * open and its last change is past the retention (30 days by default).
 */
describe('Hub Santé ledger retention', () => {
  let orientation: RunningService;
  let ledger: HubLedger;
  let db: DataSource;

  /** Records the changes of one appointment, `daysAgo` each, and settles those marked. */
  const appointment = async (changes: { daysAgo: number; settled: boolean }[]) => {
    const appointmentId = randomUUID();
    const caseId = randomUUID();
    for (const change of changes) {
      const occurredAt = new Date(Date.now() - change.daysAgo * DAY);
      const message: NewHubMessage = {
        distributionId: `fr.health.ptfsas_${randomUUID()}`,
        changeId: randomUUID(),
        caseId,
        appointmentId,
        territory: '92',
        recipient: 'fr.health.samu092',
        content: { appointmentId } as unknown as LrmAppointment,
        occurredAt,
        expiresAt: new Date(occurredAt.getTime() + DAY),
      };
      await db.transaction((tx) => ledger.record(tx, message));
      if (change.settled) expect(await ledger.acknowledge(message.distributionId, occurredAt)).toBe(true);
    }
    return appointmentId;
  };
  const rowsOf = async (appointmentId: string) =>
    (
      (await db.query(`SELECT count(*)::int AS n FROM orientation.hub_message WHERE appointment_id = $1`, [appointmentId])) as {
        n: number;
      }[]
    )[0].n;

  beforeAll(async () => {
    await useIsolatedEnvironment('hubretention');
    orientation = await startService('orientation', AppModule);
    await waitUntilReady(orientation);
    ledger = orientation.app.get(HubLedger);
    db = orientation.app.get(DataSource);
  });

  afterAll(() => orientation?.close());

  it('deletes an appointment whole once all of it is settled and past the retention, and nothing else', async () => {
    const old = await appointment([
      { daysAgo: 45, settled: true },
      { daysAgo: 40, settled: true },
    ]);
    const oldButOpen = await appointment([
      { daysAgo: 45, settled: true },
      { daysAgo: 40, settled: false },
    ]);
    const updatedLately = await appointment([
      { daysAgo: 45, settled: true },
      { daysAgo: 10, settled: true },
    ]);
    const recent = await appointment([{ daysAgo: 2, settled: true }]);

    const job = orientation.app.get(HubLedgerPruningJob);
    expect(await job.pruneDue()).toBe(2);
    expect(await rowsOf(old)).toBe(0);
    // Its creation stays while an update is open: the update completes itself from it.
    expect(await rowsOf(oldButOpen)).toBe(2);
    expect(await rowsOf(updatedLately)).toBe(2);
    expect(await rowsOf(recent)).toBe(1);
    expect(await job.pruneDue()).toBe(0);

    // Three weeks on, the appointment last changed 10 days ago is past it too.
    expect(await job.pruneDue(new Date(Date.now() + 21 * DAY))).toBe(2);
    expect(await rowsOf(updatedLately)).toBe(0);
    expect(await rowsOf(recent)).toBe(1);
    expect(await rowsOf(oldButOpen)).toBe(2);
  });

  it('prunes in batches until nothing due is left', async () => {
    const many = await Promise.all(Array.from({ length: 7 }, () => appointment([{ daysAgo: 60, settled: true }])));
    expect(await ledger.pruneSettled(new Date(Date.now() - 30 * DAY), 3)).toBe(7);
    for (const id of many) expect(await rowsOf(id)).toBe(0);
  });
});
