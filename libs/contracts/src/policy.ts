/**
 * The rules of the SAS that more than one service applies, defined once (docs/domain.md,
 * "Rules" and "Indicators"). Matching ranks with them, orientation searches with them,
 * indicators count with them: none of them re-declares a value.
 */

/**
 * SAS consultations per practitioner and ISO week that earn the 15 € supplement. Matching
 * ranks a practitioner at the cap last; indicators count the practitioner-weeks at it.
 */
export const WEEKLY_CAP = 20;

/** General medicine, as an ordinal specialty code (TRE_R38). */
export const GENERAL_MEDICINE = 'SM54';

/** The specialty searched and assessed when none is given: general medicine. */
export const DEFAULT_SPECIALTY = GENERAL_MEDICINE;

/**
 * The SAS promises a consultation within 48 hours: the default search window, the horizon
 * of matching's coverage, and the indicators' share of appointments within 48 h.
 */
export const SEARCH_WINDOW_HOURS = 48;
export const SEARCH_WINDOW_MS = SEARCH_WINDOW_HOURS * 3600_000;

/**
 * The response rate named by the SAS's steering documents: SNP consultations carried out
 * through the SAS (appointments reported honoured) ÷ SNP requests (cases whose latest
 * assessment decided a consultation is needed). Null without requests. Its definition
 * (`GET /indicators/definitions`) and its computation both come from here.
 */
export const RESPONSE_RATE = {
  name: 'response_rate',
  numerator: 'snp_consultations_honoured',
  denominator: 'snp_requests',
  formula: 'snp_consultations_honoured / snp_requests (null without requests)',
} as const;

export function responseRate(honoured: number, requests: number | null): number | null {
  return requests === null || requests <= 0 ? null : honoured / requests;
}

/**
 * The supplement the health insurance pays a practitioner per performed SAS consultation
 * (appointment reported honoured), for at most WEEKLY_CAP of them per ISO week
 * (GET /indicators/payments, docs/payments.md).
 */
export const SAS_CONSULTATION_SUPPLEMENT_EUROS = 15;
