import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { SlotIndex } from '../index/slot-index';
import { SearchQueryDto } from './search-query.dto';

const DEFAULT_HORIZON_MS = 48 * 3600_000;

@Controller('search')
export class SearchController {
  constructor(private readonly index: SlotIndex) {}

  /** Free slots in the window (default now → +48 h), earliest first. */
  @Get()
  search(@Query() query: SearchQueryDto) {
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_HORIZON_MS);
    if (to <= from) throw new BadRequestException({ statusCode: 400, message: 'invalid request', errors: [{ field: 'to', reason: 'to must be after from' }] });
    const slots = this.index.search(
      { from, to, mode: query.mode, specialty: query.specialty, communeCode: query.commune },
      query.limit ?? 20,
    );
    return { total: slots.length, results: slots };
  }
}
