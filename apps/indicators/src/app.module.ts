import { INDICATORS_MIGRATIONS } from './migrations/indicators-migrations';
import { Module } from '@nestjs/common';
import { AuthModule, RegulatorStandingModule } from '@sas/auth';
import { MessagingModule } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule, MetricsModule } from '@sas/platform';
import { SettingsModule } from '@sas/settings';
import { BreakdownsController } from './breakdowns/breakdowns.controller';
import { BreakdownsService } from './breakdowns/breakdowns.service';
import { SlotUtilisationService } from './breakdowns/slot-utilisation.service';
import { ContractsController } from './contracts/contracts.controller';
import { EventCountsController } from './event-counts/event-counts.controller';
import { EventCountsConsumer } from './event-counts/event-counts.consumer';
import { FactsConsumer } from './facts/facts.consumer';
import { ConnectionsWarmUp } from './figures/connections-warm-up';
import { FiguresService } from './figures/figures.service';
import { AreaFiguresService } from './territories/area-figures.service';
import { CptsPerimeters } from './territories/cpts-perimeters';
import { CptsPerimetersConsumer } from './territories/cpts-perimeters.consumer';
import { OriginDestinationController } from './origin-destination/origin-destination.controller';
import { OriginDestinationService } from './origin-destination/origin-destination.service';
import { HourlySupplyService } from './figures/hourly-supply.service';
import { IndicatorsController } from './figures/indicators.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { DailyPublicationJob } from './publication/daily-publication.job';
import { RebuildController } from './rebuild/rebuild.controller';
import { RebuildService } from './rebuild/rebuild.service';
import { INDICATORS_SETTINGS } from './settings';

/** SAS indicators from the event streams only, and the public event contract for BI. */
@Module({
  imports: [
    SettingsModule.forService('indicators', INDICATORS_SETTINGS),
    AuthModule.forService('indicators'),
    MetricsModule.forService('indicators'),
    PersistenceModule.forService('indicators', [], INDICATORS_MIGRATIONS),
    MessagingModule.forService('indicators'),
    RegulatorStandingModule,
    HealthModule,
  ],
  controllers: [
    HealthController,
    EventCountsController,
    IndicatorsController,
    RebuildController,
    ContractsController,
    DashboardController,
    PaymentsController,
    OriginDestinationController,
    BreakdownsController,
    EventCountsConsumer,
    FactsConsumer,
    CptsPerimetersConsumer,
  ],
  providers: [
    ConnectionsWarmUp,
    FiguresService,
    AreaFiguresService,
    CptsPerimeters,
    OriginDestinationService,
    HourlySupplyService,
    DailyPublicationJob,
    RebuildService,
    PaymentsService,
    BreakdownsService,
    SlotUtilisationService,
  ],
})
export class AppModule {}
