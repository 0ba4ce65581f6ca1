import { Module } from '@nestjs/common';
import { AuthModule, RegulatorStandingModule } from '@sas/auth';
import { MESSAGING_MIGRATIONS, MessagingModule } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule, MetricsModule } from '@sas/platform';
import { SettingsModule } from '@sas/settings';
import { ContractsController } from './contracts/contracts.controller';
import { EventCountsController } from './event-counts/event-counts.controller';
import { EventCountsConsumer } from './event-counts/event-counts.consumer';
import { FactsConsumer } from './facts/facts.consumer';
import { FiguresService } from './figures/figures.service';
import { HourlySupplyService } from './figures/hourly-supply.service';
import { IndicatorsController } from './figures/indicators.controller';
import { EventCountTable1763800000002 } from './migrations/1763800000002-event-count-table';
import { IndicatorFacts1763800000003 } from './migrations/1763800000003-indicator-facts';
import { FactTimeIndexes1763800026000 } from './migrations/1763800026000-fact-time-indexes';
import { DailyRollups1764900000026 } from './migrations/1764900000026-daily-rollups';
import { DashboardController } from './dashboard/dashboard.controller';
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
    PersistenceModule.forService(
      'indicators',
      [],
      [
        ...MESSAGING_MIGRATIONS,
        EventCountTable1763800000002,
        IndicatorFacts1763800000003,
        FactTimeIndexes1763800026000,
        DailyRollups1764900000026,
      ],
    ),
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
    EventCountsConsumer,
    FactsConsumer,
  ],
  providers: [FiguresService, HourlySupplyService, DailyPublicationJob, RebuildService],
})
export class AppModule {}
