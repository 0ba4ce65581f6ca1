import { Injectable } from '@nestjs/common';
import { DEFAULT_SPECIALTY, SEARCH_WINDOW_MS, WEEKLY_CAP } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';
import { communeCentre, distanceKm, findCommune } from '@sas/referentials';
import { EquityNeeds } from '../index/equity-needs';
import { SlotIndex } from '../index/slot-index';
import { rankIndexed } from '../ranking/rank-slots';
import { WeeklyLoad } from '../ranking/weekly-load';
import { SearchQueryDto } from './search-query.dto';
import { callPhoneOf, searchResult } from './search-result';

/** The longest window a search may ask for: the index holds the slots of the next weeks, and a window of centuries only cost time. */
const MAX_WINDOW_DAYS = 31;
const DEFAULT_RADIUS_KM = 10;
const DEFAULT_LIMIT = 20;

/**
 * The regulators' searches over the in-memory index: free slots ranked for a patient, and
 * the practitioners who take patients beyond their published slots. The controllers only
 * route to it; the defaults (window, specialty) and the weekly cap are the contract's.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly index: SlotIndex,
    private readonly load: WeeklyLoad,
  ) {}

  /**
   * Free slots a regulator may offer, best first, each with the reasons of its rank:
   * distance, earliest start, SNP-dedicated first, and the practitioner's weekly load
   * (at the weekly cap: last, flagged). Default window: now → + SEARCH_WINDOW_HOURS.
   */
  search(query: SearchQueryDto, now = new Date()) {
    const from = query.from ? new Date(query.from) : now;
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + SEARCH_WINDOW_MS);
    if (to <= from) throw InvalidInput.field('to', 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
      throw InvalidInput.field('to', `the window from → to is at most ${MAX_WINDOW_DAYS} days`);
    const { patient, commune, radiusKm } = whereIsThePatient(query);
    const ranked = rankIndexed(
      this.index,
      {
        from,
        to,
        near: patient && { ...patient, radiusKm },
        mode: query.mode,
        specialty: query.specialty ?? DEFAULT_SPECIALTY,
        profession: query.profession,
        sector1Only: query.sector1Only,
        thirdPartyPayment: query.thirdPartyPayment,
        wheelchairAccessible: query.wheelchairAccessible,
        language: query.language,
        needs: equityNeeds(query),
      },
      { patient, patientCommune: commune, radiusKm, mode: query.mode, interpreterFor: query.interpreterFor, now },
      (ownerId, at) => this.load.of(ownerId, at),
      query.limit ?? DEFAULT_LIMIT,
    );
    return { total: ranked.length, results: ranked.map(searchResult) };
  }

  /**
   * For the "no slot found" path: practitioners near the patient who accept SAS patients
   * beyond their published slots, nearest first, with their load this week.
   */
  beyondSlots(query: SearchQueryDto, now = new Date()) {
    const { patient, commune, radiusKm } = whereIsThePatient(query);
    if (query.lat === undefined && !query.commune)
      throw InvalidInput.field('commune', 'a commune or a position (lat, lon) is required');
    const results = this.index
      .acceptingBeyondSlots()
      .filter((o) => !query.profession || o.profession === query.profession)
      .map((o) => {
        const hasPoint = o.place.latitude !== undefined && o.place.longitude !== undefined;
        const distance =
          patient && hasPoint ? distanceKm(patient, { latitude: o.place.latitude!, longitude: o.place.longitude! }) : null;
        return { offer: o, distance };
      })
      .filter(({ offer, distance }) =>
        patient ? distance !== null && distance <= radiusKm : offer.place.communeCode === commune!.code,
      )
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
      .slice(0, query.limit ?? DEFAULT_LIMIT)
      .map(({ offer, distance }) => {
        const weeklyLoad = this.load.of(offer.ownerId, now);
        return {
          ownerId: offer.ownerId,
          practitioner: offer.practitioner,
          structure: offer.structure,
          profession: offer.profession,
          specialties: offer.specialties,
          place: offer.place,
          callPhone: callPhoneOf(offer.place),
          modes: offer.modes,
          distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
          weeklyLoad,
          atWeeklyCap: weeklyLoad >= WEEKLY_CAP,
        };
      });
    return { total: results.length, results };
  }
}

/** The case's equity needs, when the search names any. */
function equityNeeds({ interpreterFor, cover, accessibility }: SearchQueryDto): EquityNeeds | undefined {
  return interpreterFor || cover || accessibility?.length ? { interpreterFor, cover, accessibility } : undefined;
}

/** The patient's position, else the centre of their commune; 400 for half a position. */
function whereIsThePatient(query: SearchQueryDto) {
  if ((query.lat === undefined) !== (query.lon === undefined))
    throw InvalidInput.field(query.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
  const commune = query.commune ? findCommune(query.commune) : undefined;
  const patient =
    query.lat !== undefined ? { latitude: query.lat, longitude: query.lon! } : commune && communeCentre(commune.code);
  return { patient, commune, radiusKm: query.radiusKm ?? DEFAULT_RADIUS_KM };
}
