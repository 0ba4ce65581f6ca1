import { Module } from '@nestjs/common';
import { DirectoryLifecycleController } from './directory-lifecycle.controller';
import { DirectoryUpdatesService } from './directory-updates.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { RetirementService } from './retirement.service';

@Module({
  controllers: [DirectoryController, DirectoryLifecycleController],
  providers: [DirectoryService, DirectoryUpdatesService, RetirementService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
