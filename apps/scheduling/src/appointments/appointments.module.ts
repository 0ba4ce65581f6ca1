import { Module } from '@nestjs/common';
import { AuditTrail } from '@sas/auth';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';

@Module({ controllers: [AppointmentsController], providers: [AppointmentsService, AuditTrail] })
export class AppointmentsModule {}
