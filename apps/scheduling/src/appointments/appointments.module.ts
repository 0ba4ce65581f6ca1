import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';
import { AppointmentOutcomesService } from './appointment-outcomes.service';
import { VendorsModule } from '../vendors/vendors.module';
import { HandOverService } from '../vendors/hand-over/hand-over.service';

@Module({
  imports: [VendorsModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AppointmentOutcomesService, HandOverService],
})
export class AppointmentsModule {}
