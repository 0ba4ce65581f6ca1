import { communeCentre } from './commune-centres';
import { communesOfDepartement, departementsOfRegion } from './territories';

describe('communeCentre', () => {
  it('gives the centre of a commune as latitude and longitude', () => {
    expect(communeCentre('92044')).toEqual({ latitude: expect.closeTo(48.895, 2), longitude: expect.closeTo(2.287, 2) });
  });

  it('knows the centre of every commune of Île-de-France', () => {
    const idf = departementsOfRegion('11').flatMap((d) => communesOfDepartement(d.code));
    expect(idf).toHaveLength(1266);
    expect(idf.filter((c) => !communeCentre(c.code))).toEqual([]);
  });

  it('has no centre for an unknown code', () => {
    expect(communeCentre('99999')).toBeUndefined();
  });
});
