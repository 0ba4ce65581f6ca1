import { Module } from '@nestjs/common';
import { MessagingModule, MessagingTables1763800000000 } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule } from '@sas/platform';
import { EventCountsController } from './event-counts/event-counts.controller';
import { EventCountsConsumer } from './event-counts/event-counts.consumer';
import { EventCountTable1763800000002 } from './migrations/1763800000002-event-count-table';

@Module({
  imports: [
    PersistenceModule.forService('indicators', [], [MessagingTables1763800000000, EventCountTable1763800000002]),
    MessagingModule.forService('indicators'),
    HealthModule,
  ],
  controllers: [HealthController, EventCountsController],
  providers: [EventCountsConsumer],
})
export class AppModule {}
