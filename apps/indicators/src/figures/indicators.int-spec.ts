import { fromKafkaRecord, Topics } from '@sas/contracts';
import { feedIndicators } from '../../../../test/support/indicator-facts';
import { departementPopulation, departementsOfRegion } from '@sas/referentials';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { adminToken, biToken, tokenFor } from '../../../../test/support/tokens';
import { EXPECTED_WEEK, scriptedWeek } from '../../../../test/support/scripted-week';
import { TopicReader } from '../../../../test/support/topic-reader';
import { endOffsets, KafkaClient } from '@sas/messaging';
import { AppModule } from '../app.module';
import { DailyPublicationJob } from '../publication/daily-publication.job';

const WEEK = { from: '2026-11-09', to: '2026-11-15', granularity: 'week' };

describe('indicators: a scripted week gives the exact figures, under duplicates, disorder and rebuild', () => {
  let indicators: RunningService;
  let bi: Caller;
  let reader: TopicReader;
  let prefix: string;
  const events = scriptedWeek();

  const weekRows = async () => {
    const res = await bi.get('/indicators').query(WEEK).expect(200);
    return Object.fromEntries(res.body.rows.map((r: { territory: string }) => [r.territory, r])) as Record<
      string,
      Record<string, unknown>
    >;
  };

  beforeAll(async () => {
    ({ topicPrefix: prefix } = await useIsolatedEnvironment('indicators'));
    reader = await TopicReader.open([prefix + Topics.indicators]);
    indicators = await startService('indicators', AppModule);
    await waitUntilReady(indicators);
    bi = indicators.as(await biToken());
    // Every event twice, shuffled across and within partitions; each copy seen, each event applied once.
    const stats = await feedIndicators(indicators, events, { prefix, timeoutMs: 20_000 });
    expect(stats.handled).toBe(events.length);
    expect(stats.deadLettered).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([indicators?.close(), reader?.close()]);
  });

  it('computes every indicator of the scripted week exactly, per territory', async () => {
    const rows = await weekRows();
    expect(rows['92']).toMatchObject({ period: '2026-11-09', ...EXPECTED_WEEK['92'] });
    expect(rows['75']).toMatchObject({ period: '2026-11-09', ...EXPECTED_WEEK['75'] });
    expect(rows['92'].participating_practitioners_per_10k).toBeCloseTo((2 * 10_000) / departementPopulation('92'), 4);
    expect(rows['92'].snp_hours_per_10k).toBeCloseTo((5.3333 * 10_000) / departementPopulation('92'), 3);
  });

  it('filters by territory, splits by day and by practitioner', async () => {
    const only92 = await bi
      .get('/indicators')
      .query({ ...WEEK, territory: '92' })
      .expect(200);
    expect(only92.body.rows.map((r: { territory: string }) => r.territory)).toEqual(['92']);
    expect(only92.body.metadata).toMatchObject({ territory: '92', granularity: 'week', timeZone: 'Europe/Paris' });
    expect(only92.body.metadata.definitions.length).toBeGreaterThan(20);

    const days = await bi
      .get('/indicators')
      .query({ ...WEEK, granularity: 'day', territory: '92' })
      .expect(200);
    const byDay = Object.fromEntries(days.body.rows.map((r: { period: string }) => [r.period, r]));
    expect(byDay['2026-11-09']).toMatchObject({ snp_slots_published: 10, snp_requests: 2 });
    expect(byDay['2026-11-10']).toMatchObject({ snp_slots_published: 4, walk_in_slots_published: 3 });

    const practitioners = await bi
      .get('/indicators')
      .query({ ...WEEK, groupBy: 'practitioner' })
      .expect(200);
    const loads = practitioners.body.rows
      .map((r: { sas_consultations_per_practitioner_week_max: number }) => r.sas_consultations_per_practitioner_week_max)
      .sort((a: number, b: number) => a - b);
    expect(loads).toEqual([0, 1, 3, 20]); // P3 publishes but carries no SAS consultation
  });

  it('reads a half-year and a year from the facts: the same figures as the one week they hold', async () => {
    for (const [query, period] of [
      [{ from: '2026-07-01', to: '2026-12-31', granularity: 'half-year' }, '2026-07-01'],
      [{ from: '2026-01-01', to: '2026-12-31', granularity: 'year' }, '2026-01-01'],
      [{ from: '2026-11-01', to: '2027-02-28', granularity: 'half-year' }, '2026-07-01'],
    ] as const) {
      const res = await bi.get('/indicators').query(query).expect(200);
      const rows = Object.fromEntries(res.body.rows.map((r: { territory: string }) => [r.territory, r]));
      expect(rows['92']).toMatchObject({ period, ...EXPECTED_WEEK['92'] });
      expect(rows['75']).toMatchObject({ period, ...EXPECTED_WEEK['75'] });
    }
  });

  it('sums a region in one row, with its population for the per-10,000 figures', async () => {
    const res = await bi
      .get('/indicators')
      .query({ ...WEEK, region: '11', groupBy: 'region' })
      .expect(200);
    expect(res.body.rows).toHaveLength(1);
    const population = departementsOfRegion('11').reduce((sum, d) => sum + departementPopulation(d.code), 0);
    const [row] = res.body.rows;
    expect(row).toMatchObject({
      period: '2026-11-09',
      region: '11',
      snp_requests: 6,
      snp_consultations_booked: 25,
      snp_slots_published: 20,
      snp_hours_published: 6.8333,
    });
    expect(row).toMatchObject({
      delay_call_to_appointment_median_minutes: 1500,
      response_rate: 0.5,
      practitioners_at_weekly_cap: 1,
    });
    expect(row.snp_hours_per_10k).toBeCloseTo((6.8333 * 10_000) / population, 3);
    const missing = await bi
      .get('/indicators')
      .query({ ...WEEK, groupBy: 'region' })
      .expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['region']);
  });

  it('splits SNP hours by weekday and hour of the start, adding up to snp_hours_published', async () => {
    const res = await bi
      .get('/indicators/snp-hours-by-weekday-hour')
      .query({ from: WEEK.from, to: WEEK.to, territory: '92' })
      .expect(200);
    const cells: { weekday: number; hour: number; snp_hours_published: number }[] = res.body.rows;
    expect(cells.every((c) => c.weekday >= 1 && c.weekday <= 7 && c.hour >= 0 && c.hour <= 23)).toBe(true);
    expect(cells.reduce((sum, c) => sum + c.snp_hours_published, 0)).toBeCloseTo(EXPECTED_WEEK['92'].snp_hours_published, 3);
  });

  it('keeps a BI reader scoped to a territory, and a supervisor, to their own', async () => {
    const scoped = indicators.as(await tokenFor({ role: 'bi', subject: 'bi-75', territories: ['75'] }));
    expect((await scoped.get('/indicators/scope').expect(200)).body).toEqual({ territories: ['75'] });
    const refused = await scoped
      .get('/indicators')
      .query({ ...WEEK, territory: '92' })
      .expect(403);
    expect(refused.body.message).toContain('75');
    const own = await scoped.get('/indicators').query(WEEK).expect(200);
    expect(own.body.rows.map((r: { territory: string }) => r.territory)).toEqual(['75']);
    const supervisor = indicators.as(
      await tokenFor({ role: 'regulator', regulatorFunction: 'supervisor', subject: 'sup-92', territories: ['92'] }),
    );
    expect(
      (
        await supervisor
          .get('/indicators')
          .query({ ...WEEK, region: '11', groupBy: 'region' })
          .expect(200)
      ).body.rows[0].snp_consultations_booked,
    ).toBe(5);
    const operator = indicators.as(
      await tokenFor({ role: 'regulator', regulatorFunction: 'snp-operator', subject: 'op-92', territories: ['92'] }),
    );
    await operator.get('/indicators').query(WEEK).expect(403);
  });

  it('answers CSV with the same figures', async () => {
    const res = await bi
      .get('/indicators')
      .query({ ...WEEK, territory: '92' })
      .set('accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers.link).toContain('/indicators/definitions');
    const [header, line] = res.text.trim().split('\r\n');
    const row = Object.fromEntries(header.split(',').map((name, i) => [name, line.split(',')[i]]));
    expect(row).toMatchObject({
      period: '2026-11-09',
      territory: '92',
      snp_requests: '6',
      response_rate: '0.5',
      delay_call_to_appointment_p90_minutes: '2600',
    });
    const sameByPath = await bi
      .get('/indicators.csv')
      .query({ ...WEEK, territory: '92' })
      .expect(200);
    expect(sameByPath.text).toBe(res.text);
  });

  it('lists the definitions: name, formula, source events, unit', async () => {
    const res = await bi.get('/indicators/definitions').expect(200);
    expect(res.body).toContainEqual(
      expect.objectContaining({
        name: 'response_rate',
        unit: 'ratio',
        sourceEvents: expect.arrayContaining(['appointment-honoured']),
      }),
    );
    for (const d of res.body)
      expect(
        Object.keys(d)
          .filter((k) => k !== 'endpoint')
          .sort(),
      ).toEqual(['formula', 'name', 'sourceEvents', 'unit']);
    expect(res.body).toContainEqual(
      expect.objectContaining({ name: 'snp_hours_published_by_weekday_hour', endpoint: '/indicators/snp-hours-by-weekday-hour' }),
    );
  });

  it('refuses bad query parameters naming each', async () => {
    const bad = async (query: Record<string, string>, field: string) => {
      const res = await bi.get('/indicators').query(query).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ territory: '2C' }, 'territory');
    await bad({ from: '2026-13-01' }, 'from');
    await bad({ from: '2026-02-30', to: '2026-03-01' }, 'from');
    await bad({ from: '2026-11-15', to: '2026-11-09' }, 'from');
    await bad({ from: '2024-01-01', to: '2026-01-01' }, 'to');
    await bad({ granularity: 'quarter' }, 'granularity');
    await bad({ groupBy: 'country' }, 'groupBy');
    await bad({ colour: 'blue' }, 'colour');
  });

  it('publishes indicators-updated per territory and closed day, again only when figures change', async () => {
    const job = indicators.app.get(DailyPublicationJob);
    const monday = new Date('2026-11-16T11:00:00Z');
    expect(await job.publishClosedDays(monday)).toBeGreaterThanOrEqual(7);
    expect(await job.publishClosedDays(monday)).toBe(0);
    const published = await eventually(
      async () => {
        const found = reader.messages.map(
          (m) => fromKafkaRecord(m.message).data as { territory: string; day: string; figures: Record<string, number> },
        );
        return found.find((e) => e.territory === '92' && e.day === '2026-11-09');
      },
      5000,
      'indicators-updated for 92 on 9 November',
    );
    expect(published.figures).toMatchObject({ snp_slots_published: 10, snp_requests: 2, orientations_total: 2 });
  });

  it('rebuilds from the topics to the same figures', async () => {
    const live = await weekRows();
    // The producer above may have written some records more than twice (kafkajs resends a whole batch when one
    // partition fails); the replay reads every record on the topics.
    let onTopics = 0;
    for (const { low, high } of (
      await endOffsets(indicators.app.get(KafkaClient), [Topics.slots, Topics.appointments, Topics.cases])
    ).values())
      onTopics += Number(high - low);
    expect(onTopics).toBeGreaterThanOrEqual(events.length * 2);
    const report = await indicators
      .as(await adminToken())
      .post('/indicators/rebuild')
      .expect(200);
    expect(report.body.events).toBe(onTopics);
    expect(await weekRows()).toEqual(live);
  });
});

describe('indicators: the public event contract', () => {
  let indicators: RunningService;

  beforeAll(async () => {
    await useIsolatedEnvironment('contracts');
    indicators = await startService('indicators', AppModule);
  });

  afterAll(() => indicators?.close());

  it('serves the AsyncAPI document and each event schema', async () => {
    const doc = await indicators.http.get('/contracts/asyncapi.json').expect(200);
    expect(doc.body.asyncapi).toMatch(/^3\./);
    const schema = await indicators.http.get('/contracts/schemas/patient-oriented').expect(200);
    expect(schema.body).toMatchObject({ title: 'patient-oriented', properties: { delayMinutes: { type: 'integer' } } });
    const list = await indicators.http.get('/contracts/schemas').expect(200);
    expect(list.body.map((e: { name: string }) => e.name)).toContain('slot-published');
    await indicators.http.get('/contracts/schemas/teleportation').expect(404);
  });
});
