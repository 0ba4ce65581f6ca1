import { SlotPublished } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { event, OutboxWriter } from './outbox-writer';
import { MAX_EVENT_BYTES } from './record-limits';

const slot = (specialties: string[]) => ({
  slotId: randomUUID(),
  ownerId: randomUUID(),
  profession: 'general-practitioner',
  specialties,
  place: { placeId: randomUUID(), communeCode: '92044' },
  start: '2030-01-07T09:00:00.000Z',
  end: '2030-01-07T09:15:00.000Z',
  visibility: ['SNP' as const],
  modes: ['AMB' as const],
  appointmentType: 'ROUTINE' as const,
  acceptsBeyondSlots: false,
  revision: 1,
});

describe('OutboxWriter', () => {
  const writer = new OutboxWriter('scheduling', '/sas/scheduling');

  it('refuses, when it is written, an event the broker would refuse for its size (a 400, nothing stored)', () => {
    let error: unknown;
    try {
      writer.prepare([event(SlotPublished, slot(['x'.repeat(MAX_EVENT_BYTES)]))]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).errors[0].reason).toMatch(
      /slot-published event it makes would be \d+ bytes, over the 1000000/,
    );
  });

  it('prepares events under the limit', () => {
    expect(writer.prepare([event(SlotPublished, slot(['x'.repeat(MAX_EVENT_BYTES - 2000)]))]).ids).toHaveLength(1);
  });
});
