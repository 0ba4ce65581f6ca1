import { JsonLogger } from './json-logger';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('scheduling', level, (line) => lines.push(JSON.parse(line)));
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, service and context', () => {
    const { logger, lines } = capture();
    logger.log('slot published', 'SlotsService');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'scheduling', context: 'SlotsService', msg: 'slot published' }),
    ]);
  });

  it('drops messages below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.log('noise');
    logger.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });

  it('replaces the values of fields that could identify a patient', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'case opened', caseId: 'c-1', patientName: 'Jeanne Martin', phone: '0601020304', nir: '2840175123456' });
    expect(lines[0]).toMatchObject({ caseId: 'c-1', patientName: '[redacted]', phone: '[redacted]', nir: '[redacted]' });
    expect(JSON.stringify(lines[0])).not.toMatch(/Jeanne|0601020304|2840175123456/);
  });
});
