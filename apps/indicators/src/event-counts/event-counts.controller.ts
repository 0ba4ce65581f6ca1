import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '@sas/auth';
import { IsCalendarDate } from '@sas/platform';

class EventCountsQuery {
  @IsOptional() @IsCalendarDate() day?: string;
}

@Controller('indicators/event-counts')
export class EventCountsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events received per type and day; one day when `day` is given. */
  @Get()
  @Roles('bi', 'admin')
  async list(@Query() query: EventCountsQuery) {
    const rows: { event_type: string; day: string; count: string }[] = await this.dataSource.query(
      `SELECT event_type, to_char(day, 'YYYY-MM-DD') AS day, count FROM indicators.event_count
        WHERE $1::date IS NULL OR day = $1::date ORDER BY day, event_type`,
      [query.day ?? null],
    );
    return rows.map((r) => ({ eventType: r.event_type, day: r.day, count: Number(r.count) }));
  }
}
