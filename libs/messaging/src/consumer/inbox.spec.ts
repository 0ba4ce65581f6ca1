import { randomUUID } from 'node:crypto';
import { isSyncInbox, MemoryInbox } from './inbox';

describe('MemoryInbox', () => {
  it('runs the work once per event id', async () => {
    const inbox = new MemoryInbox();
    let runs = 0;
    const work = async () => void runs++;
    expect(await inbox.runOnce('e1', work)).toBe(true);
    expect(await inbox.runOnce('e1', work)).toBe(false);
    expect(runs).toBe(1);
  });

  it('does not remember an event whose work failed, so a retry runs it', async () => {
    const inbox = new MemoryInbox();
    await expect(inbox.runOnce('e1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await inbox.runOnce('e1', async () => undefined)).toBe(true);
  });

  it('remembers at least the most recent `capacity` ids and forgets the older ones', async () => {
    const inbox = new MemoryInbox(2);
    const ids = ['a', randomUUID(), 'c', randomUUID(), 'e'];
    for (const id of ids) await inbox.runOnce(id, async () => undefined);
    expect(await inbox.runOnce(ids[4], async () => undefined)).toBe(false);
    expect(await inbox.runOnce(ids[3], async () => undefined)).toBe(false);
    expect(await inbox.runOnce(ids[0], async () => undefined)).toBe(true);
    expect(await inbox.runOnce(ids[1], async () => undefined)).toBe(true);
  });

  it('tells UUIDs apart exactly, whatever their number, and keeps other ids as they are', () => {
    const inbox = new MemoryInbox();
    expect(isSyncInbox(inbox)).toBe(true);
    const ids = Array.from({ length: 50_000 }, () => randomUUID());
    const seenBefore = ids.filter((id) => {
      const seen = inbox.has(id);
      inbox.add(id);
      return seen;
    });
    expect(seenBefore).toEqual([]);
    expect(ids.every((id) => inbox.has(id))).toBe(true);
    expect(inbox.size).toBe(ids.length);
    // One character off, another case, the nil UUID, non-UUID ids: other events.
    const first = ids[0];
    const flipped = first.slice(0, 35) + (first[35] === '0' ? '1' : '0');
    expect(inbox.has(flipped)).toBe(false);
    expect(inbox.has(first.toUpperCase())).toBe(false);
    expect(inbox.has('00000000-0000-0000-0000-000000000000')).toBe(false);
    inbox.add('00000000-0000-0000-0000-000000000000');
    expect(inbox.has('00000000-0000-0000-0000-000000000000')).toBe(true);
    inbox.add(first.toUpperCase());
    expect(inbox.has(first.toUpperCase())).toBe(true);
    expect(inbox.has('order-1')).toBe(false);
    inbox.add('order-1');
    expect(inbox.has('order-1')).toBe(true);
    // 16 bytes a UUID, at most half full: far below a Set of strings.
    expect(inbox.bytes).toBeLessThanOrEqual(ids.length * 16 * 4);
  });

  it('spreads time-ordered UUIDs (v7) as well as random ones', () => {
    const inbox = new MemoryInbox();
    const base = 0x0190_0000_0000;
    const ids = Array.from({ length: 20_000 }, (_, i) => {
      const hex = (base + i).toString(16).padStart(12, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
    });
    const started = performance.now();
    for (const id of ids) inbox.add(id);
    expect(ids.every((id) => inbox.has(id))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
