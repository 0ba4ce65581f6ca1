import { randomUUID } from 'node:crypto';
import { formatUuid, parseUuid } from './uuid-words';

describe('UUID words', () => {
  it('reads a canonical UUID into four words and writes it back as it was', () => {
    const words = new Uint32Array(8);
    for (const id of [
      randomUUID(),
      randomUUID(),
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '01900000-0000-7000-8000-000000000001',
    ]) {
      expect(parseUuid(id, words, 4)).toBe(true);
      expect(formatUuid(words, 4)).toBe(id);
    }
    expect(parseUuid('0123abcd-4567-89ef-0123-456789abcdef', words)).toBe(true);
    expect([...words.subarray(0, 4)]).toEqual([0x0123abcd, 0x456789ef, 0x01234567, 0x89abcdef]);
  });

  it('refuses anything but the canonical form, leaving the words as they were', () => {
    const id = randomUUID();
    const words = new Uint32Array([1, 2, 3, 4]);
    for (const other of [
      id.toUpperCase(),
      `urn:uuid:${id}`,
      id.replaceAll('-', ''),
      `${id.slice(0, 8)}_${id.slice(9)}`,
      `${id.slice(0, 35)}g`,
      `${id.slice(0, 35)}\u0661`,
      ` ${id.slice(1)}`,
      `${id}0`,
      '',
    ]) {
      expect(parseUuid(other, words)).toBe(false);
    }
    expect([...words]).toEqual([1, 2, 3, 4]);
  });
});
