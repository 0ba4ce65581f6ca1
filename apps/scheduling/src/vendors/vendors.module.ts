import { Module } from '@nestjs/common';
import { VendorSyncService } from '../fhir/vendor-sync.service';
import { VendorPollController } from './pull/vendor-poll.controller';
import { VendorFreshness } from './pull/vendor-freshness';
import { VendorPoller } from './pull/vendor-poller';
import { VendorPullMetrics } from './pull/vendor-pull.metrics';
import { VendorPullService } from './pull/vendor-pull.service';
import { VendorsController } from './vendors.controller';
import { VendorsService } from './vendors.service';

// VendorSyncService is stateless: the pull holds its own instance rather than import the
// FHIR module (which imports this one for the registry).
@Module({
  controllers: [VendorsController, VendorPollController],
  providers: [VendorsService, VendorSyncService, VendorPullMetrics, VendorPullService, VendorPoller, VendorFreshness],
  exports: [VendorsService, VendorPoller, VendorFreshness],
})
export class VendorsModule {}
