import { Module } from '@nestjs/common';
import { AuthModule, RegulatorStandingModule } from '@sas/auth';
import { MESSAGING_MIGRATIONS, MessagingModule } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule, MetricsModule, READINESS_CHECKS } from '@sas/platform';
import { SettingsModule } from '@sas/settings';
import { ReplayReadiness } from './index/replay-readiness';
import { IndexFeed } from './index/index-feed';
import { SlotEventsConsumer } from './index/slot-events.consumer';
import { SlotIndex } from './index/slot-index';
import { WeeklyLoad } from './ranking/weekly-load';
import { SearchController } from './search/search.controller';
import { BeyondSlotsController } from './search/beyond-slots.controller';
import { CoverageController } from './search/coverage.controller';
import { CoverageService } from './search/coverage.service';
import { SearchService } from './search/search.service';
import { IndexMetrics } from './index/index-metrics';
import { IndexSnapshots } from './snapshot/index-snapshots';
import { MATCHING_SETTINGS } from './settings';

@Module({
  imports: [
    SettingsModule.forService('matching', MATCHING_SETTINGS),
    AuthModule.forService('matching'),
    MetricsModule.forService('matching'),
    PersistenceModule.forService('matching', [], MESSAGING_MIGRATIONS),
    // A read model: it consumes events and publishes none (its dead letters go straight to Kafka).
    MessagingModule.forService('matching', { publishes: false }),
    RegulatorStandingModule,
    HealthModule,
  ],
  controllers: [HealthController, SearchController, BeyondSlotsController, CoverageController, SlotEventsConsumer],
  providers: [
    SlotIndex,
    WeeklyLoad,
    SearchService,
    CoverageService,
    IndexSnapshots,
    IndexFeed,
    IndexMetrics,
    ReplayReadiness,
    { provide: READINESS_CHECKS, useFactory: (r: ReplayReadiness) => [r], inject: [ReplayReadiness] },
  ],
})
export class AppModule {}
