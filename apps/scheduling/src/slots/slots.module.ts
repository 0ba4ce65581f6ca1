import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { SlotExpiryJob } from './slot-expiry.job';
import { SlotLifecycleService } from './slot-lifecycle.service';
import { SlotPublisher } from './slot-publisher';
import { SlotsController } from './slots.controller';

@Module({
  imports: [DirectoryModule],
  controllers: [SlotsController],
  providers: [SlotPublisher, SlotLifecycleService, SlotExpiryJob],
  exports: [SlotLifecycleService],
})
export class SlotsModule {}
