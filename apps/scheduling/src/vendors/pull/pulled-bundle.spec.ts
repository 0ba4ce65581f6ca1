import { bundleFor } from '../../../../../test/vendors/test-vendor-server';
import { readPulledPages } from './pulled-bundle';
import { retryAfterMs } from './vendor-http';

const asked = ['10000000009', '10000000017', '10000000025'];

describe('readPulledPages', () => {
  it('reads every slot of a good answer and confirms every practitioner asked', () => {
    const read = readPulledPages([bundleFor(asked, new Set(), false, 2)], asked);
    expect(read.slots).toHaveLength(6);
    expect(read.confirmed).toEqual(asked);
    expect(read.problems).toEqual([]);
  });

  it('a wrong slot costs only its practitioner: the others are read and confirmed', () => {
    const read = readPulledPages([bundleFor(asked, new Set(), true)], asked);
    expect(read.slots.map((s) => s.practitioner!.rpps)).toEqual(asked.slice(1));
    expect(read.confirmed).toEqual(asked.slice(1));
    expect(read.problems[0]).toContain('TELEPORT');
  });

  it('keeps no slot of a practitioner that was not asked about', () => {
    const read = readPulledPages([bundleFor(asked, new Set(), false)], asked.slice(0, 1));
    expect(read.slots.map((s) => s.practitioner!.rpps)).toEqual(asked.slice(0, 1));
  });

  it('reads the pages of one search together', () => {
    const read = readPulledPages(
      [bundleFor(asked.slice(0, 2), new Set(), false), bundleFor(asked.slice(2), new Set(), false)],
      asked,
    );
    expect(read.slots).toHaveLength(3);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');
  it.each([
    ['seconds', '2', 2000],
    ['an HTTP date', 'Fri, 04 Dec 2026 10:00:05 GMT', 5000],
    ['a past date', 'Fri, 04 Dec 2026 09:00:00 GMT', 0],
    ['nonsense', 'soon', undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_, header, expected) => expect(retryAfterMs(header, now)).toBe(expected));
});
