import { Type, TSchema } from '@sinclair/typebox';

/** Shared schema pieces. Formats are checked by the consumers' validator (ajv-formats). */
export const Uuid = Type.String({ format: 'uuid' });
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with offset' });
export const InseeCommune = Type.String({ pattern: '^(\\d{5}|2[AB]\\d{3})$', description: 'INSEE commune code' });
export const Departement = Type.String({ pattern: '^(\\d{2}|2[AB]|97\\d)$', description: 'département code (one SAS per département)' });

export const Visibility = Type.Union([Type.Literal('PUBLIC'), Type.Literal('PRO'), Type.Literal('SNP')]);
export const ConsultationMode = Type.Union([Type.Literal('AMB'), Type.Literal('HH'), Type.Literal('VR')], {
  description: 'ActEncounterCode: AMB at the practice, HH at home, VR video',
});
export const AppointmentType = Type.Union([Type.Literal('ROUTINE'), Type.Literal('WALKIN')]);

export const PractitionerIdentifier = Type.Object({
  system: Type.Union([Type.Literal('RPPS'), Type.Literal('ADELI')]),
  value: Type.String({ pattern: '^\\d{9,11}$' }),
});

export const StructureIdentifier = Type.Object({
  system: Type.Union([Type.Literal('SIRET'), Type.Literal('FINESS')]),
  value: Type.String({ pattern: '^[0-9A-Z]{9,14}$' }),
});

/** A non-empty list without duplicates. */
export function SetOf<T extends TSchema>(item: T) {
  return Type.Array(item, { minItems: 1, uniqueItems: true });
}
