import { rankIndexed } from '../ranking/rank-slots';
import { EquityNeeds, servesNeeds } from './equity-needs';
import { SlotIndex } from './slot-index';
import { SlotPlace } from './slot-profile';
import { FIXTURE_BASE_MS, slotState } from './slot-state.fixture';

const place = (over: Partial<SlotPlace> = {}): SlotPlace => ({ placeId: 'p', communeCode: '92044', languages: ['fr'], ...over });

describe('equity needs: which places can see the patient', () => {
  const cases: [string, Partial<SlotPlace>, EquityNeeds, boolean][] = [
    ['no needs: any place', {}, {}, true],
    ['interpreter for Arabic: a place speaking it', { languages: ['fr', 'ar'] }, { interpreterFor: 'ar' }, true],
    ['interpreter for Arabic: a place calling an interpreter', { interpreting: true }, { interpreterFor: 'ar' }, true],
    ['interpreter for Arabic: a French-only place without interpreter', {}, { interpreterFor: 'ar' }, false],
    ['no open rights: a place treating without cover', { treatsWithoutCover: true }, { cover: 'none' }, true],
    ['no open rights: an ordinary practice', { thirdPartyPayment: true }, { cover: 'none' }, false],
    ['AME: an ordinary practice', {}, { cover: 'ame' }, false],
    ['AME: a PASS', { treatsWithoutCover: true }, { cover: 'ame' }, true],
    ['C2S: sector 2', { conventionSector: '2' }, { cover: 'c2s' }, true],
    ['C2S: sector 3 (not under convention)', { conventionSector: '3' }, { cover: 'c2s' }, false],
    ['ordinary cover: sector 3', { conventionSector: '3' }, { cover: 'ordinary' }, true],
    ['wheelchair: the older flag', { wheelchairAccessible: true }, { accessibility: ['wheelchair'] }, true],
    ['wheelchair: the accessibility list', { accessibility: ['wheelchair'] }, { accessibility: ['wheelchair'] }, true],
    [
      'hearing and visual: only hearing equipped',
      { accessibility: ['hearing'] },
      { accessibility: ['hearing', 'visual'] },
      false,
    ],
    [
      'interpreter and no cover: both needed',
      { interpreting: true, treatsWithoutCover: true },
      { interpreterFor: 'ps', cover: 'none' },
      true,
    ],
    ['interpreter and no cover: interpreter only', { interpreting: true }, { interpreterFor: 'ps', cover: 'none' }, false],
  ];
  it.each(cases)('%s', (_, over, needs, serves) => {
    expect(servesNeeds(place(over), needs)).toBe(serves);
  });
});

describe('equity needs in a search of the index', () => {
  it('keeps only the places that meet every need, the one speaking the language first', () => {
    const index = new SlotIndex();
    const at = (minutes: number) => ({
      start: new Date(FIXTURE_BASE_MS + minutes * 60_000).toISOString(),
      end: new Date(FIXTURE_BASE_MS + (minutes + 15) * 60_000).toISOString(),
    });
    const speaking = slotState({ ...at(60), place: place({ placeId: 'a', languages: ['fr', 'ar'], treatsWithoutCover: true }) });
    const interpreter = slotState({ ...at(0), place: place({ placeId: 'b', interpreting: true, treatsWithoutCover: true }) });
    const ordinary = slotState({ ...at(0), place: place({ placeId: 'c', languages: ['fr', 'ar'] }) });
    const frenchOnly = slotState({ ...at(0), place: place({ placeId: 'd', treatsWithoutCover: true }) });
    for (const s of [speaking, interpreter, ordinary, frenchOnly]) index.upsert(s);
    const now = new Date(FIXTURE_BASE_MS - 3600_000);
    const ranked = rankIndexed(
      index,
      { from: now, to: new Date(FIXTURE_BASE_MS + 86_400_000), needs: { interpreterFor: 'ar', cover: 'none' } },
      { radiusKm: 10, interpreterFor: 'ar', now },
      () => 0,
    );
    // The place speaking Arabic an hour later still comes first: an interpreter costs two hours.
    expect(ranked.map((r) => r.slot.slotId)).toEqual([speaking.slotId, interpreter.slotId]);
    expect(ranked[0].reasons).toContain('speaks ar');
    expect(ranked[1].reasons).toContain('through an interpreter');
  });
});
