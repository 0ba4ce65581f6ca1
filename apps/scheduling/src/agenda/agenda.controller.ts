import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AGENDA_READERS, CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Response } from 'express';
import { AppointmentListQueryDto, SlotListQueryDto } from './agenda-query.dto';
import { AgendaService } from './agenda.service';
import { appointmentEvent, calendar, slotEvent } from './icalendar';

const CALENDAR = 'text/calendar';
const wantsCalendar = (accept: string | undefined) => (accept ?? '').toLowerCase().includes(CALENDAR);

/**
 * The caller's agenda: its slots and the SAS appointments booked into them, one page sorted
 * by start, as JSON or (Accept: text/calendar) as an iCalendar of that page. GET /slots/:id
 * and GET /appointments/:id stay with their own controllers.
 */
@ApiTags('agenda')
@ApiBearerAuth()
@Controller()
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get('slots')
  @Roles(...AGENDA_READERS)
  @ApiProduces('application/json', CALENDAR)
  async slots(
    @Query() query: SlotListQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = await this.agenda.slots(reader, query);
    if (!wantsCalendar(accept)) return page;
    return calendarAnswer(res, page.total, calendar('Agenda SAS : créneaux', page.items.map(slotEvent)));
  }

  @Get('appointments')
  @Roles(...AGENDA_READERS)
  @ApiProduces('application/json', CALENDAR)
  async appointments(
    @Query() query: AppointmentListQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = await this.agenda.appointments(reader, query);
    if (!wantsCalendar(accept)) return page;
    return calendarAnswer(res, page.total, calendar('Agenda SAS : rendez-vous', page.items.map(appointmentEvent)));
  }
}

/** A calendar has no envelope: the total of the listing travels in a header. */
export function calendarAnswer(res: Response, total: number, body: string): string {
  res.setHeader('content-type', `${CALENDAR}; charset=utf-8`);
  res.setHeader('x-total-count', String(total));
  return body;
}
