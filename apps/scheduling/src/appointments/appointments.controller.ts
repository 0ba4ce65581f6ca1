import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BookAppointmentDto, CancelAppointmentDto, MoveAppointmentDto } from './appointment.dto';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** Books a free slot; 409 with the reason (slot-booked, slot-expired, slot-withdrawn…) when it cannot. */
  @Post()
  book(@Body() dto: BookAppointmentDto) {
    return this.appointments.book(dto);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.appointments.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CancelAppointmentDto) {
    return this.appointments.cancel(id, dto);
  }

  @Post(':id/honoured')
  @HttpCode(200)
  honoured(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.appointments.report(id, 'honoured');
  }

  @Post(':id/no-show')
  @HttpCode(200)
  noShow(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.appointments.report(id, 'no-show');
  }

  @Post(':id/move')
  @HttpCode(200)
  move(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MoveAppointmentDto) {
    return this.appointments.move(id, dto);
  }
}
