import { pullQueries } from './pull-queries';

const from = new Date('2026-12-05T08:00:00.000Z');
const to = new Date('2026-12-07T08:00:00.000Z');
const rpps = (n: number) => Array.from({ length: n }, (_, i) => String(10000000000 + i));

describe('pullQueries', () => {
  it('asks 60 practitioners in 3 INT_R01 searches of at most 25, in the guide shape', () => {
    const queries = pullQueries(['INT_R01'], rpps(60), [], from, to);
    expect(queries.map((q) => q.subjects.length)).toEqual([25, 25, 10]);
    expect(queries[2].path).toBe(
      '/Slot?start=ge2026-12-05T08:00:00.000Z&start=le2026-12-07T08:00:00.000Z&status=free' +
        '&schedule.actor:Practitioner.identifier=' +
        rpps(60)
          .slice(50)
          .map((r) => `urn:oid:1.2.250.1.71.4.2.1|8${r}`)
          .join(',') +
        '&_include=Slot:schedule&_include:iterate=Schedule:actor',
    );
  });

  it('adds the CPTS includes for INT_R04', () => {
    const [query] = pullQueries(['INT_R04'], rpps(1), [], from, to);
    expect(query.flow).toBe('INT_R04');
    expect(query.path).toContain('&_include=Slot:service-type-reference&_include:iterate=HealthcareService:organization');
  });

  it('asks SOS Médecins by SIRET, 10 at a time, with the _has window', () => {
    const sirets = Array.from({ length: 11 }, () => '73282932000074');
    const queries = pullQueries(['SOS'], [], sirets, from, to);
    expect(queries.map((q) => q.subjects.length)).toEqual([10, 1]);
    expect(queries[1].path).toBe(
      '/Schedule?_revinclude=Slot:schedule&_include=Schedule:actor:Location&_include:iterate=Location:organization' +
        '&_has:Slot:schedule:start=ge2026-12-05T08:00:00.000Z&_has:Slot:schedule:start=le2026-12-07T08:00:00.000Z' +
        '&_has:Slot:schedule:status=free&actor:Location.organization.identifier=urn:oid:1.2.250.1.71.4.2.2|373282932000074',
    );
  });
});
