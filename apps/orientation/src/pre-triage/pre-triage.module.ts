import { Module } from '@nestjs/common';
import { PreTriageController } from './pre-triage.controller';
import { PreTriageService } from './pre-triage.service';

@Module({ controllers: [PreTriageController], providers: [PreTriageService], exports: [PreTriageService] })
export class PreTriageModule {}
