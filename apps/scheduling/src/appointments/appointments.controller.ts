import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AGENDA_READERS, CurrentPrincipal, PRACTICE_SIDE, Principal, RateLimit, RegulatorMay, Roles } from '@sas/auth';
import { BookAppointmentDto, CancelAppointmentDto, MoveAppointmentDto } from './appointment.dto';
import { AppointmentsService } from './appointments.service';
import { UuidParamPipe } from '@sas/platform';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /**
   * Books a free slot (201); 409 with the reason (slot-booked, slot-expired, slot-withdrawn…) when it cannot.
   * A vendor-hosted slot is not booked here: 202 with the hand-over to the vendor's booking page.
   */
  @Post()
  @Roles('regulator')
  @RegulatorMay('book')
  @RateLimit('booking')
  async book(@Body() dto: BookAppointmentDto, @CurrentPrincipal() actor: Principal, @Res({ passthrough: true }) res: Response) {
    const answer = await this.appointments.book(dto, actor);
    if ('handOver' in answer) res.status(202);
    return answer;
  }

  @Get(':id')
  @Roles('regulator', ...AGENDA_READERS)
  get(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.appointments.get(id, reader);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('regulator', ...PRACTICE_SIDE, 'service')
  cancel(@Param('id', new UuidParamPipe()) id: string, @Body() dto: CancelAppointmentDto, @CurrentPrincipal() actor: Principal) {
    return this.appointments.cancel(id, dto, actor);
  }

  @Post(':id/honoured')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'regulator')
  honoured(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.appointments.report(id, 'honoured', actor);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'regulator')
  noShow(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.appointments.report(id, 'no-show', actor);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles('regulator')
  @RegulatorMay('book')
  move(@Param('id', new UuidParamPipe()) id: string, @Body() dto: MoveAppointmentDto, @CurrentPrincipal() actor: Principal) {
    return this.appointments.move(id, dto, actor);
  }
}
