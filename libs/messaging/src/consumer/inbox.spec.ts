import { MemoryInbox } from './inbox';

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

  it('forgets the oldest ids beyond its capacity', async () => {
    const inbox = new MemoryInbox(2);
    for (const id of ['a', 'b', 'c']) await inbox.runOnce(id, async () => undefined);
    expect(await inbox.runOnce('a', async () => undefined)).toBe(true);
    expect(await inbox.runOnce('c', async () => undefined)).toBe(false);
  });
});
