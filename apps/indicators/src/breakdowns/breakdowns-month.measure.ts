import { CONSULTATION_MODES } from '@sas/contracts';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { AppModule } from '../app.module';
import { BreakdownsService } from './breakdowns.service';
import { SlotUtilisationService } from './slot-utilisation.service';

/**
 * `npm run bench:breakdowns` (not in the default suite): a month of facts of a département at
 * full scale — 550,000 SNP slots in 92 and as many in 93, 80,000 calls and orientations, 40,000
 * appointments, written straight into the fact tables — then each endpoint's query for a month
 * of 92 timed five times (median, min, max). Over the test infrastructure's PostgreSQL.
 */
describe('breakdowns and slot utilisation over a month of a département at full scale', () => {
  let indicators: RunningService;
  afterAll(async () => indicators?.close());
  it('answers a month of 92', async () => {
    await useIsolatedEnvironment('breakdownsmonth');
    indicators = await startService('indicators', AppModule);
    await waitUntilReady(indicators);
    const db = indicators.app.get<DataSource>(getDataSourceToken());
    for (const t of ['slot_fact', 'case_fact', 'orientation_fact', 'appointment_fact'])
      await db.query(`ALTER TABLE indicators.${t} DISABLE TRIGGER USER`);
    await db.query('SELECT setseed(0.3)');
    const t0 = Date.now();
    // 550k SNP slots of 92 (and as many of 93) over November 2026; fates by withdrawal.
    await db.query(`INSERT INTO indicators.slot_fact (slot_id, owner_id, commune_code, departement, start_at, end_at, snp, walk_in, state_revision, withdrawn_reason, withdrawn_revision, profession)
      SELECT gen_random_uuid(), gen_random_uuid(), CASE WHEN d = 1 THEN '92044' ELSE '93001' END, CASE WHEN d = 1 THEN '92' ELSE '93' END,
             t, t + interval '20 minutes', true, false, 1,
             (ARRAY['booked-elsewhere','expired','withdrawn', NULL])[1 + floor(random()*4)::int], CASE WHEN random() < 0.8 THEN 2 ELSE 0 END, 'general-practitioner'
        FROM generate_series(1, 550000) n CROSS JOIN (VALUES (1), (2)) x(d)
        CROSS JOIN LATERAL (SELECT timestamptz '2026-11-01 00:00+01' + random() * interval '30 days' AS t) tt`);
    await db.query(`INSERT INTO indicators.case_fact (case_id, territory, commune_code, call_received_at, channel, age_band, reason_category)
      SELECT gen_random_uuid(), (ARRAY['92','93'])[1 + (n % 2)], '92044', timestamptz '2026-11-01 00:00+01' + random() * interval '30 days',
             (ARRAY['15','116117','other'])[1 + floor(random()*3)::int], (ARRAY['26-45','46-65','66-75'])[1 + floor(random()*3)::int], 'fever'
        FROM generate_series(1, 80000) n`);
    await db.query(
      `INSERT INTO indicators.orientation_fact (case_id, oriented_at, territory, commune_code, call_received_at, outcome, reorientation, age_band, reason_category, urgency, mode, profession, call_pdsa)
      SELECT c.case_id, c.call_received_at + interval '10 minutes', c.territory, c.commune_code, c.call_received_at, 'snp-consultation', false, c.age_band, 'fever', 'same-day',
             ($1::text[])[1 + floor(random()*3)::int], 'general-practitioner', random() < 0.4 FROM indicators.case_fact c`,
      [CONSULTATION_MODES],
    );
    await db.query(`INSERT INTO indicators.appointment_fact (appointment_id, case_id, slot_id, departement, commune_code, start_at, placed_at, booked_at, mode, start_pdsa)
      SELECT gen_random_uuid(), c.case_id, s.slot_id, s.departement, s.commune_code, s.start_at, c.call_received_at, c.call_received_at + interval '10 minutes', 'AMB', false
        FROM (SELECT case_id, call_received_at, row_number() OVER () AS r FROM indicators.case_fact) c
        JOIN (SELECT slot_id, departement, commune_code, start_at, row_number() OVER () AS r FROM indicators.slot_fact) s ON s.r = c.r * 10
       WHERE c.r <= 40000`);
    await db.query('ANALYZE');
    console.log('loaded in', Date.now() - t0, 'ms');
    const range = { territories: ['92'], from: '2026-11-01', to: '2026-11-30' };
    const time = async (name: string, f: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await f();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      console.log('MEASURE', name, 'median', ms[2].toFixed(0), 'ms; min', ms[0].toFixed(0), 'max', ms[4].toFixed(0));
    };
    const b = indicators.app.get(BreakdownsService);
    const u = indicators.app.get(SlotUtilisationService);
    await time('utilisation month 92', () => u.compute({ ...range, granularity: 'month' }));
    await time('breakdowns channel month 92', () =>
      b.compute({ ...range, granularity: 'month', groupBy: 'channel', filters: {} }),
    );
    await time('breakdowns mode month 92 ageBand filter', () =>
      b.compute({ ...range, granularity: 'month', groupBy: 'mode', filters: { ageBand: ['66-75'] } }),
    );
    await time('breakdowns hourOfDay day 92', () =>
      b.compute({ ...range, granularity: 'day', groupBy: 'hourOfDay', filters: {} }),
    );
  }, 600_000);
});
