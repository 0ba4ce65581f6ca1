import { PatientOriented, PayloadOf } from '@sas/contracts';

/** The guide's `practitioner` block: RPPS with its prefix, names, and the NOS codes when known. */
export interface LrmPractitioner {
  rppsId: string;
  lastName?: string;
  firstName?: string;
  specialityCode?: string;
  specialityUrl?: string;
  professionUrl?: string;
  professionCode?: string;
}

/** The guide's `regulator` block: the SAS account that booked, its holder's names and e-mail. */
export interface LrmRegulator {
  regulatorId?: string;
  regulatorName?: string;
  regulatorFirstname?: string;
  regulatorEmail?: string;
}

export const SPECIALITY_URL = 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';
export const PROFESSION_URL = 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante';

/** Our professions (scheduling's directory) → TRE_G15 ProfessionSante; others are left out, not guessed. */
const PROFESSION_CODES: Record<string, string> = {
  'general-practitioner': '10',
  physician: '10',
  pharmacist: '21',
  dentist: '40',
  midwife: '50',
  nurse: '60',
  physiotherapist: '70',
};

/** The guide's national practitioner id: the RPPS with its type prefix `8`. */
export function rppsId(rpps: string): string {
  return `8${rpps}`;
}

/**
 * The practitioner block from `patient-oriented`: names and codes when scheduling's directory
 * had them at booking (older events and nameless directory entries send the RPPS alone).
 */
export function lrmPractitioner(data: PayloadOf<typeof PatientOriented>): LrmPractitioner | undefined {
  if (!data.practitionerRpps) return undefined;
  const known = data.practitioner;
  const speciality = known?.specialties?.find((code) => /^SM\d{2,3}$/.test(code));
  const profession = known?.profession ? PROFESSION_CODES[known.profession] : undefined;
  return {
    rppsId: rppsId(data.practitionerRpps),
    ...(known?.familyName ? { lastName: known.familyName } : {}),
    ...(known?.givenName ? { firstName: known.givenName } : {}),
    ...(speciality ? { specialityCode: speciality, specialityUrl: SPECIALITY_URL } : {}),
    ...(profession ? { professionUrl: PROFESSION_URL, professionCode: profession } : {}),
  };
}

/** The regulator block from the account that oriented: its national (else local) id, names and e-mail as recorded. */
export function lrmRegulator(account: {
  nationalId: string | null;
  localId: string | null;
  familyName: string | null;
  givenName: string | null;
  email: string | null;
}): LrmRegulator {
  const id = account.nationalId ?? account.localId;
  return {
    ...(id ? { regulatorId: id } : {}),
    ...(account.familyName ? { regulatorName: account.familyName } : {}),
    ...(account.givenName ? { regulatorFirstname: account.givenName } : {}),
    ...(account.email ? { regulatorEmail: account.email } : {}),
  };
}
