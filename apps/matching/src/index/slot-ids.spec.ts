import { randomUUID } from 'node:crypto';
import { parseUuid, uuidHash } from '@sas/collections';
import { SlotIds } from './slot-ids';

/** Random UUIDs whose probes start at `home` in a table of `places` places. */
function idsAt(home: number, places: number, count: number): string[] {
  const words = new Uint32Array(4);
  const ids: string[] = [];
  while (ids.length < count) {
    const id = randomUUID();
    parseUuid(id, words);
    if ((uuidHash(words[0], words[1], words[2], words[3]) & (places - 1)) === home) ids.push(id);
  }
  return ids;
}

function expectHeld(ids: SlotIds, rows: Map<string, number>): void {
  for (const [id, row] of rows) {
    expect(ids.rowOf(id)).toBe(row);
    expect(ids.idOf(row)).toBe(id);
  }
  expect(ids.size).toBe(rows.size);
}

describe('SlotIds', () => {
  it('finds the rows of colliding ids after any of them leaves, around the end of the table', () => {
    // Four ids in eight places: homes 7, 7, 0 and 7 fill places 7, 0, 1 and 2, wrapping around.
    const [a, b, d] = idsAt(7, 8, 3);
    const [c] = idsAt(0, 8, 1);
    for (const leaving of [a, b, c, d]) {
      const ids = new SlotIds(4);
      const rows = new Map([a, b, c, d].map((id, row) => [id, row]));
      for (const [id, row] of rows) ids.add(id, row);
      ids.delete(rows.get(leaving)!);
      rows.delete(leaving);
      expect(ids.rowOf(leaving)).toBe(-1);
      expectHeld(ids, rows);
    }
  });

  it('leaves a row in place when the hole is before its home', () => {
    // Homes 2, 2, 4: places 2, 3, 4. When the first leaves, the second moves up, the third stays at its home.
    const [a, b] = idsAt(2, 8, 2);
    const [c] = idsAt(4, 8, 1);
    const ids = new SlotIds(4);
    ids.add(a, 0);
    ids.add(b, 1);
    ids.add(c, 2);
    ids.delete(0);
    expectHeld(
      ids,
      new Map([
        [b, 1],
        [c, 2],
      ]),
    );
  });

  it('grows from a tiny table and stays exact as rows come and go', () => {
    const ids = new SlotIds(2);
    const rows = new Map<string, number>();
    const free: number[] = [];
    let next = 0;
    for (let round = 0; round < 20_000; round++) {
      if (rows.size > 0 && round % 3 === 2) {
        const [id, row] = rows.entries().next().value!;
        ids.delete(row);
        rows.delete(id);
        free.push(row);
        expect(ids.rowOf(id)).toBe(-1);
      } else {
        const id = randomUUID();
        const row = free.pop() ?? next++;
        ids.add(id, row);
        rows.set(id, row);
      }
    }
    expectHeld(ids, rows);
  });

  it('keeps ids not in canonical form verbatim', () => {
    const ids = new SlotIds(2);
    const id = randomUUID();
    ids.add(id.toUpperCase(), 0);
    ids.add('slot-1', 1);
    ids.add(id, 2);
    expectHeld(
      ids,
      new Map([
        [id.toUpperCase(), 0],
        ['slot-1', 1],
        [id, 2],
      ]),
    );
    ids.delete(0);
    expect(ids.rowOf(id.toUpperCase())).toBe(-1);
    expect(ids.rowOf(id)).toBe(2);
  });
});
