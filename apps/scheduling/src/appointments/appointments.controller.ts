import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AGENDA_READERS, CurrentPrincipal, PRACTICE_SIDE, Principal, RateLimit, RegulatorMay, Roles } from '@sas/auth';
import { BookAppointmentDto, CancelAppointmentDto, MoveAppointmentDto } from './appointment.dto';
import { AppointmentsService } from './appointments.service';
import { ReportOutcomeDto, ReportOutcomesDto } from './appointment-outcome.dto';
import { AppointmentOutcomesService } from './appointment-outcomes.service';
import { UuidParamPipe } from '@sas/platform';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly outcomesService: AppointmentOutcomesService,
  ) {}

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

  /**
   * A day's outcomes at once, all or nothing (docs/practice-patients.md): 200 with each item
   * `recorded` or `unchanged` (the same report made before); 400 naming `outcomes.<index>.<field>`.
   */
  @Post('outcomes')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'regulator')
  outcomes(@Body() dto: ReportOutcomesDto, @CurrentPrincipal() actor: Principal) {
    return this.outcomesService.reportAll(dto, actor);
  }

  /** The patient was seen; who saw them when the slot is a structure's (performingPractitionerRpps). */
  @Post(':id/honoured')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'regulator')
  honoured(@Param('id', new UuidParamPipe()) id: string, @Body() dto: ReportOutcomeDto, @CurrentPrincipal() actor: Principal) {
    return this.outcomesService.report(id, 'honoured', dto, actor);
  }

  /** The patient did not come, with an optional coded reason. */
  @Post(':id/no-show')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'regulator')
  noShow(@Param('id', new UuidParamPipe()) id: string, @Body() dto: ReportOutcomeDto, @CurrentPrincipal() actor: Principal) {
    return this.outcomesService.report(id, 'no-show', dto, actor);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles('regulator')
  @RegulatorMay('book')
  move(@Param('id', new UuidParamPipe()) id: string, @Body() dto: MoveAppointmentDto, @CurrentPrincipal() actor: Principal) {
    return this.appointments.move(id, dto, actor);
  }
}
