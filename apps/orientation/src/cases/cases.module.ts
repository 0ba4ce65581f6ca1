import { Module } from '@nestjs/common';
import { MatchingClient } from '../neighbours/matching-client';
import { SchedulingClient } from '../neighbours/scheduling-client';
import { HandOverRecorder } from '../hand-over/hand-over-recorder';
import { PreTriageModule } from '../pre-triage/pre-triage.module';
import { RegulatorsModule } from '../regulators/regulators.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { OrientationService } from './orientation.service';

@Module({
  imports: [RegulatorsModule, PreTriageModule],
  controllers: [CasesController],
  providers: [CasesService, OrientationService, SchedulingClient, MatchingClient, HandOverRecorder],
  exports: [SchedulingClient],
})
export class CasesModule {}
