import { Topics } from '@sas/contracts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { asShuffledRecords, scriptedWeek } from './support/scripted-week';
import { produceRaw } from './support/topic-reader';

const run = promisify(execFile);

describe('the README example BI consumer (examples/bi-consumer.js)', () => {
  it('reads the public case topic as a BI engineer would run it and counts orientations by outcome', async () => {
    const { topicPrefix } = await useIsolatedEnvironment('bi-consumer');
    const cases = asShuffledRecords(scriptedWeek(), 1).filter((r) => r.topic === Topics.cases);
    await produceRaw(
      topicPrefix + Topics.cases,
      cases.map((r) => r.record),
    );

    const { stdout } = await run(
      'node',
      ['examples/bi-consumer.js', '--topics', Topics.cases, '--max', String(cases.length), '--group', `bi-${topicPrefix}`],
      {
        env: { ...process.env, KAFKA_TOPIC_PREFIX: topicPrefix },
        timeout: 60_000,
      },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => l.id)).size).toBe(cases.length); // each event once, though a resent batch may repeat records
    expect(new Set(lines.map((l) => l.type))).toEqual(
      new Set(['fr.sas.case-opened.v1', 'fr.sas.case-step-recorded.v1', 'fr.sas.patient-oriented.v1']),
    );
    const distinct = new Map(lines.filter((l) => l.type === 'fr.sas.patient-oriented.v1').map((l) => [l.id, l.data.outcome]));
    expect([...distinct.values()].sort()).toEqual([
      'emergency-department',
      'medical-advice',
      'no-solution',
      'snp-consultation',
      'snp-consultation',
      'snp-consultation',
      'snp-consultation',
      'snp-consultation',
      'teleconsultation',
    ]);
  });
});
