import { AgendaScope } from '../access/agenda-scope';
import { agendaWhere } from './agenda-filter';

const scope: AgendaScope = { practitionerIds: ['p1'], structureIds: ['s1'], who: 'this practice' };
const SCOPE_SQL = '(s.owner_id = ANY($1::uuid[]) OR s.structure_id = ANY($2::uuid[]))';

describe('agendaWhere: what an agenda view shows', () => {
  it.each([
    ['nothing asked: the whole scope', 'slots', {}, [], []],
    [
      'a practitioner, a place and a window',
      'slots',
      { practitionerId: 'p1', placeId: 'l1', from: '2026-12-07T00:00:00+01:00', to: '2026-12-08T00:00:00+01:00' },
      ['s.practitioner_id = $3', 's.place_id = $4', 's.start_at >= $5', 's.start_at < $6'],
      ['p1', 'l1', new Date('2026-12-06T23:00:00Z'), new Date('2026-12-07T23:00:00Z')],
    ],
    [
      'slots offering a mode, in some statuses',
      'slots',
      { mode: 'HH', status: ['free', 'booked'] },
      ['$3 = ANY(s.modes)', 's.status = ANY($4)'],
      ['HH', ['free', 'booked']],
    ],
    ['slots holding a SAS booking', 'slots', { bookedBySas: true }, ['live.id IS NOT NULL'], []],
    ['slots without one', 'slots', { bookedBySas: false }, ['live.id IS NULL'], []],
    [
      'appointments booked in a mode, in some statuses',
      'appointments',
      { mode: 'VR', status: ['booked'] },
      ['a.mode = $3', 'a.status = ANY($4)'],
      ['VR', ['booked']],
    ],
    ['a structure', 'appointments', { structureId: 's1' }, ['s.structure_id = $3'], ['s1']],
  ] as const)('%s', (_name, view, query, conditions, values) => {
    const where = agendaWhere(scope, query as never, view);
    expect(where.sql).toBe([SCOPE_SQL, ...conditions].join(' AND '));
    expect(where.params).toEqual([['p1'], ['s1'], ...values]);
  });
});
