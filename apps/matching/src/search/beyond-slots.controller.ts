import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RateLimit, RegulatorMay, Roles } from '@sas/auth';
import { SearchQueryDto } from './search-query.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search/practitioners-beyond-slots')
export class BeyondSlotsController {
  constructor(private readonly searches: SearchService) {}

  /** For the "no slot found" path: practitioners near the patient who accept SAS patients beyond their published slots. */
  @Get()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  list(@Query() query: SearchQueryDto) {
    return this.searches.beyondSlots(query);
  }
}
