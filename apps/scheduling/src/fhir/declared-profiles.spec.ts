import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CptsProfiles } from './cpts-resources';
import { Profiles } from './sas-codes';
import { SosProfiles } from './sos-resources';

// The guide's profiles as compiled from its FSH for the validator (npm run fhir:profiles).
const CONFORMANCE = join(__dirname, '../../../../infra/fhir-validator/conformance');

describe('profiles our answers declare (point 1)', () => {
  const compiled = new Set(
    readdirSync(CONFORMANCE)
      .filter((f) => f.startsWith('StructureDefinition-'))
      .map((f) => (JSON.parse(readFileSync(join(CONFORMANCE, f), 'utf8')) as { url: string }).url),
  );

  it.each([...Object.values(Profiles), ...Object.values(CptsProfiles), ...Object.values(SosProfiles)])(
    '%s is a profile the guide defines',
    (url) => {
      expect(compiled).toContain(url);
    },
  );
});
