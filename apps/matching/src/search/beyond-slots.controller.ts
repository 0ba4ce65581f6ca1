import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@sas/platform';
import { communeCentre, findCommune } from '@sas/referentials';
import { SlotIndex } from '../index/slot-index';
import { distanceKm } from '../ranking/geo';
import { WEEKLY_CAP, WeeklyLoad } from '../ranking/weekly-load';
import { SearchQueryDto } from './search-query.dto';
import { RateLimit, RegulatorMay, Roles } from '@sas/auth';

@ApiTags('search')
@Controller('search/practitioners-beyond-slots')
export class BeyondSlotsController {
  constructor(
    private readonly index: SlotIndex,
    private readonly load: WeeklyLoad,
  ) {}

  /**
   * For the "no slot found" path: practitioners near the patient who accept SAS patients
   * beyond their published slots, nearest first, with their load this week.
   */
  @Get()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  list(@Query() query: SearchQueryDto) {
    if ((query.lat === undefined) !== (query.lon === undefined)) throw InvalidInput.field(query.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
    if (query.lat === undefined && !query.commune) throw InvalidInput.field('commune', 'a commune or a position (lat, lon) is required');
    const commune = query.commune ? findCommune(query.commune) : undefined;
    const patient = query.lat !== undefined ? { latitude: query.lat, longitude: query.lon! } : commune && communeCentre(commune.code);
    const radiusKm = query.radiusKm ?? 10;
    const now = new Date();
    const results = this.index
      .acceptingBeyondSlots()
      .filter((o) => !query.profession || o.profession === query.profession)
      .map((o) => {
        const hasPoint = o.place.latitude !== undefined && o.place.longitude !== undefined;
        const distance = patient && hasPoint ? distanceKm(patient, { latitude: o.place.latitude!, longitude: o.place.longitude! }) : null;
        return { offer: o, distance };
      })
      .filter(({ offer, distance }) => (patient ? distance !== null && distance <= radiusKm : offer.place.communeCode === commune!.code))
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
      .slice(0, query.limit ?? 20)
      .map(({ offer, distance }) => {
        const weeklyLoad = this.load.of(offer.ownerId, now);
        return {
          ownerId: offer.ownerId,
          practitioner: offer.practitioner,
          structure: offer.structure,
          profession: offer.profession,
          specialties: offer.specialties,
          place: offer.place,
          modes: offer.modes,
          distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
          weeklyLoad,
          atWeeklyCap: weeklyLoad >= WEEKLY_CAP,
        };
      });
    return { total: results.length, results };
  }
}
