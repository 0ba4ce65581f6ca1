import { Module } from '@nestjs/common';
import { HubController } from './hub.controller';
import { HubLedger } from './hub-ledger';
import { HubLedgerPruningJob } from './hub-ledger-pruning.job';
import { HubLinkConsumer } from './hub-link.consumer';
import { HubLinkService } from './hub-link.service';
import { HubMetrics } from './hub-metrics';
import { hubSettingsFrom } from './hub-settings';
import { HUB_SETTINGS } from './hub-tokens';

/**
 * Orientations to the SAMUs' regulation software through Hub Santé (ANS flow INT_L02).
 * The configuration is read once here: a bad one stops the service at start.
 */
@Module({
  controllers: [HubController, HubLinkConsumer],
  providers: [
    { provide: HUB_SETTINGS, useFactory: () => hubSettingsFrom(process.env) },
    HubLedger,
    HubLedgerPruningJob,
    HubMetrics,
    HubLinkService,
  ],
  exports: [HubLinkService],
})
export class HubModule {}
