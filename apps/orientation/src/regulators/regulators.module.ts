import { Module } from '@nestjs/common';
import { AuditTrail } from '@sas/auth';
import { RegulatorsController } from './regulators.controller';
import { RegulatorsService } from './regulators.service';

@Module({ controllers: [RegulatorsController], providers: [RegulatorsService, AuditTrail], exports: [RegulatorsService] })
export class RegulatorsModule {}
