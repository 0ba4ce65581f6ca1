import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, empty for null, quoting what needs it', () => {
    const csv = toCsv(
      ['period', 'territory', 'rate'],
      [
        { period: '2026-11-09', territory: '92', rate: 0.5 },
        { period: '2026-11-16', territory: 'a "b", c', rate: null },
      ],
    );
    expect(csv).toBe('period,territory,rate\r\n2026-11-09,92,0.5\r\n2026-11-16,"a ""b"", c",\r\n');
  });
});
