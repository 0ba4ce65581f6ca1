import { Module } from '@nestjs/common';
import { MessagingModule, MessagingTables1763800000000 } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule } from '@sas/platform';
import { SlotsTable1763800000001 } from './migrations/1763800000001-slots-table';
import { SlotEntity } from './slots/slot.entity';
import { SlotsModule } from './slots/slots.module';

@Module({
  imports: [
    PersistenceModule.forService('scheduling', [SlotEntity], [MessagingTables1763800000000, SlotsTable1763800000001]),
    MessagingModule.forService('scheduling'),
    HealthModule,
    SlotsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
