// Referentials: identifiers of professionals and structures, territories, Paris time. Plain TypeScript.

/** luhnValid(digits): whether the last digit is the Luhn check digit of the others; withLuhnDigit(body) appends it. */
export { luhnValid, withLuhnDigit } from './luhn';

/** checkRpps(value) / checkAdeli(value): the reason a practitioner identifier is wrong, or undefined. */
export { checkAdeli, checkRpps } from './practitioner-identifiers';

/** IDNPS_SYSTEM, rppsToIdNps(rpps), idNpsToRpps(value): the RPPS in FHIR identifiers ("8" + RPPS). */
export { IDNPS_SYSTEM, idNpsToRpps, rppsToIdNps } from './practitioner-identifiers';

/** checkSiret(value) / checkFiness(value): the reason a structure identifier is wrong, or undefined. */
export { checkFiness, checkSiret } from './structure-identifiers';

/** Communes (current ones and municipal arrondissements) and départements of the official referential. */
export type { Commune, Departement } from './territories';

/** findCommune(code) / checkCommuneCode(code): look up or check an INSEE commune code. */
export { checkCommuneCode, findCommune } from './territories';

/** departementOfCommune(code): the département (SAS territory) a commune belongs to. */
export { departementOfCommune } from './territories';

/** findDepartement, communesOfDepartement, departementsOfRegion, departementPopulation: the territorial tree. */
export { communesOfDepartement, departementPopulation, departementsOfRegion, findDepartement, regionName } from './territories';

/** EPCI (SIREN) as territories: checkEpci, epciOfCommune, communesOfEpci (arrondissements included). */
export { checkEpci, communesOfEpci, epciOfCommune } from './epci';

/** communeOfPostalAddress(postalCode, city?): the commune of a postal address. */
export { communeOfPostalAddress, postalCodeOfCommune } from './territories';

/** communeCentre(code): the centre of a commune, for distances. */
export { communeCentre, communesWithCentre } from './commune-centres';

/** distanceKm(a, b): great-circle distance between two points (latitude, longitude), in km. */
export type { Point } from './geo';
export { distanceKm } from './geo';

/** Europe/Paris wall-clock time ↔ UTC instants, DST-safe, and local calendar arithmetic. */
export type { ParisLocal } from './paris-time';
export { addDays, isoWeekday, parisLocalToUtc, utcToParisLocal } from './paris-time';

/** easterSunday(year), frenchPublicHolidays(year), isFrenchPublicHoliday(date): France's national public holidays. */
export { easterSunday, frenchPublicHolidays } from './french-public-holidays';
export { isFrenchPublicHoliday } from './pdsa-periods';

/** isPdsaPeriod(instant): whether an instant falls in the permanence des soins ambulatoires (Paris time). */
export { isPdsaPeriod } from './pdsa-periods';
