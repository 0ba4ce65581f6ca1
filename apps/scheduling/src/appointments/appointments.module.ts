import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';
import { VendorsModule } from '../vendors/vendors.module';

@Module({ imports: [VendorsModule], controllers: [AppointmentsController], providers: [AppointmentsService] })
export class AppointmentsModule {}
