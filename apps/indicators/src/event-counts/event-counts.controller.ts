import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '@sas/auth';

class EventCountsQuery {
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date YYYY-MM-DD' }) day?: string;
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
