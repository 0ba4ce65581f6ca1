import { checkRpps } from '@sas/referentials';
import { DailyOutcomeReports, dutyDoctorRpps, performedBy } from './daily-outcome-reports';
import { syntheticFiness, syntheticRpps, syntheticSiret } from './identifiers';

describe('daily outcome reports in the simulation', () => {
  const reports = new DailyOutcomeReports(
    { scheduling: '', matching: '', orientation: '', indicators: '' },
    { regulator: () => Promise.resolve(''), practice: () => Promise.resolve('') },
    { record: () => undefined },
  );

  it("names a valid, stable doctor on duty for a structure's slot, and nobody for a practitioner's", () => {
    for (const owner of [
      { system: 'SIRET', value: syntheticSiret(3, 42) },
      { system: 'FINESS', value: syntheticFiness('92', 3, 7) },
    ]) {
      expect(checkRpps(dutyDoctorRpps(owner))).toBeUndefined();
      expect(performedBy(owner)).toEqual({ performingPractitionerRpps: dutyDoctorRpps({ ...owner }) });
    }
    expect(performedBy({ system: 'RPPS', value: syntheticRpps(3, 1) })).toEqual({});
  });

  it('draws about half of the practices, each always the same way', () => {
    const owners = Array.from({ length: 2000 }, (_, i) => ({ system: 'RPPS', value: syntheticRpps(3, i) }));
    const inBulk = owners.filter((o) => reports.reportsInBulk(o));
    expect(inBulk.length / owners.length).toBeGreaterThan(0.45);
    expect(inBulk.length / owners.length).toBeLessThan(0.55);
    expect(owners.filter((o) => reports.reportsInBulk(o))).toEqual(inBulk);
  });
});
