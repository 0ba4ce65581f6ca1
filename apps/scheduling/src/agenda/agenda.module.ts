import { Module } from '@nestjs/common';
import { AgendaFeedsController } from './agenda-feeds.controller';
import { AgendaFeedsService } from './agenda-feeds.service';
import { AgendaController } from './agenda.controller';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';

/** The practice side's reads: agenda views (JSON, iCalendar) and secret calendar feeds. */
@Module({
  controllers: [AgendaController, AgendaFeedsController],
  providers: [AgendaRepository, AgendaService, AgendaFeedsService],
})
export class AgendaModule {}
