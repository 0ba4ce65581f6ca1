import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RateLimit, RegulatorMay, Roles } from '@sas/auth';
import { SearchQueryDto } from './search-query.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  /** Free slots a regulator may offer, best first, each with the reasons of its rank (see SearchService.search). */
  @Get()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  searchByQuery(@Query() query: SearchQueryDto) {
    return this.searches.search(query);
  }

  /** The same search with the criteria in a JSON body. */
  @Post()
  @Roles('regulator')
  @RegulatorMay('search')
  @RateLimit('search')
  @HttpCode(200)
  searchByBody(@Body() query: SearchQueryDto) {
    return this.searches.search(query);
  }
}
