import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@sas/platform';
import { communeCentre, findCommune } from '@sas/referentials';
import { SlotIndex } from '../index/slot-index';
import { rankIndexed } from '../ranking/rank-slots';
import { WeeklyLoad } from '../ranking/weekly-load';
import { SearchQueryDto } from './search-query.dto';
import { searchResult } from './search-result';
import { RateLimit, RegulatorMay, Roles } from '@sas/auth';

const DEFAULT_HORIZON_MS = 48 * 3600_000;
/** The longest window a search may ask for: the index holds the slots of the next weeks, and a window of centuries only cost time. */
const MAX_WINDOW_DAYS = 31;

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(
    private readonly index: SlotIndex,
    private readonly load: WeeklyLoad,
  ) {}

  /**
   * Free slots a regulator may offer, best first, each with the reasons of its rank:
   * distance, earliest start, SNP-dedicated first, and the practitioner's weekly load
   * (at the cap of 20: last, flagged). Default window now → +48 h.
   */
  @Get()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  searchByQuery(@Query() query: SearchQueryDto) {
    return this.search(query);
  }

  /** The same search with the criteria in a JSON body. */
  @Post()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  @HttpCode(200)
  searchByBody(@Body() query: SearchQueryDto) {
    return this.search(query);
  }

  private search(query: SearchQueryDto) {
    const now = new Date();
    const from = query.from ? new Date(query.from) : now;
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_HORIZON_MS);
    if (to <= from) throw InvalidInput.field('to', 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw InvalidInput.field('to', `the window from → to is at most ${MAX_WINDOW_DAYS} days`);
    if ((query.lat === undefined) !== (query.lon === undefined)) throw InvalidInput.field(query.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
    const commune = query.commune ? findCommune(query.commune) : undefined;
    // The patient's position, else the centre of their commune.
    const patient = query.lat !== undefined ? { latitude: query.lat, longitude: query.lon! } : commune && communeCentre(commune.code);
    const radiusKm = query.radiusKm ?? 10;
    const ranked = rankIndexed(
      this.index,
      {
        from,
        to,
        near: patient && { ...patient, radiusKm },
        mode: query.mode,
        specialty: query.specialty ?? 'SM54',
        profession: query.profession,
        sector1Only: query.sector1Only,
        thirdPartyPayment: query.thirdPartyPayment,
        wheelchairAccessible: query.wheelchairAccessible,
        language: query.language,
      },
      { patient, patientCommune: commune, radiusKm, mode: query.mode, now },
      (ownerId, at) => this.load.of(ownerId, at),
      query.limit ?? 20,
    );
    return {
      total: ranked.length,
      results: ranked.map(searchResult),
    };
  }
}
