import { AGE_BANDS, CaseOpened, CONSULTATION_MODES, REASON_CATEGORY_CODES, URGENCIES } from '@sas/contracts';

/**
 * The dimensions orientations and consultations are broken down by (`groupBy=`) and
 * filtered on (`?mode=HH&ageBand=…`), each with the values it accepts and its SQL over
 * each family's rows: orientations `o` (orientation_fact) with their case `c`;
 * consultations `a` (appointment_fact) with their case `c` and slot `s`. A dimension a
 * family does not record (the urgency of a consultation) is null there: that family's
 * figures are left out when it is grouped or filtered by it. Pure: no Nest, no SQL run.
 */

const literals = (schema: { anyOf: { const: string }[] }) => schema.anyOf.map((s) => s.const);
const paris = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')`;
const pdsa = (flag: string) => `CASE WHEN ${flag} THEN 'in' WHEN NOT ${flag} THEN 'outside' END`;
const hour = (column: string) => `extract(hour FROM ${paris(column)})::int::text`;

export interface Dimension {
  /** The values a filter accepts; a pattern where the vocabulary is open (professions). */
  values: readonly string[] | RegExp;
  /** What a wrong value is told. */
  expected: string;
  orientation: string | null;
  consultation: string | null;
}

const CHANNELS = literals(CaseOpened.schema.properties.channel);

export const DIMENSIONS = {
  channel: { values: CHANNELS, expected: CHANNELS.join(', '), orientation: 'c.channel', consultation: 'c.channel' },
  reasonCategory: {
    values: REASON_CATEGORY_CODES,
    expected: 'a coded reason (orientation’s GET /reasons lists them)',
    orientation: 'o.reason_category',
    consultation: 'c.reason_category',
  },
  ageBand: { values: AGE_BANDS, expected: AGE_BANDS.join(', '), orientation: 'o.age_band', consultation: 'c.age_band' },
  urgency: { values: URGENCIES, expected: URGENCIES.join(', '), orientation: 'o.urgency', consultation: null },
  mode: { values: CONSULTATION_MODES, expected: CONSULTATION_MODES.join(', '), orientation: 'o.mode', consultation: 'a.mode' },
  // Professions are an open vocabulary in the events (general-practitioner, nurse, midwife…): a code, not free text.
  profession: {
    values: /^[a-z][a-z-]{1,39}$/,
    expected: 'a lower-case profession code such as general-practitioner, nurse, midwife',
    orientation: 'o.profession',
    consultation: 's.profession',
  },
  // An orientation's time is its call's; a consultation's is its start (when the patient is seen).
  pdsaPeriod: {
    values: ['in', 'outside'],
    expected: 'in, outside',
    orientation: pdsa('o.call_pdsa'),
    consultation: pdsa('a.start_pdsa'),
  },
  hourOfDay: {
    values: Array.from({ length: 24 }, (_, h) => String(h)),
    expected: 'an hour from 0 to 23 (Europe/Paris)',
    orientation: hour('o.call_received_at'),
    consultation: hour('a.start_at'),
  },
} as const satisfies Record<string, Dimension>;

export type DimensionName = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as DimensionName[];

/** What a breakdown's rows are grouped by: a dimension, or the territory (orientations by the case's, consultations by the patient's). */
export type BreakdownGroup = DimensionName | 'territory';
export const BREAKDOWN_GROUPS: readonly BreakdownGroup[] = ['territory', ...DIMENSION_NAMES];
export const TERRITORY_GROUP = { orientation: 'o.territory', consultation: 'COALESCE(c.territory, a.departement)' } as const;

/** The values of a filter (comma-separated: `ageBand=66-75,76-85,86+`), or why they are refused. */
export function parseFilter(name: DimensionName, raw: string): string[] | string {
  const dimension: Dimension = DIMENSIONS[name];
  const values = raw.split(',').map((v) => v.trim());
  const wrong = values.find((v) =>
    dimension.values instanceof RegExp ? !dimension.values.test(v) : !dimension.values.includes(v),
  );
  if (wrong !== undefined) return `${wrong === '' ? 'an empty value' : wrong} is not one of: ${dimension.expected}`;
  return [...new Set(values)];
}

/** The SQL of a group or dimension in a family, null when the family does not record it. */
export function columnOf(group: BreakdownGroup, family: 'orientation' | 'consultation'): string | null {
  return group === 'territory' ? TERRITORY_GROUP[family] : DIMENSIONS[group][family];
}
