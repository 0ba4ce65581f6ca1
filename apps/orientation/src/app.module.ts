import { Module } from '@nestjs/common';
import { MessagingModule, MessagingTables1763800000000 } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule } from '@sas/platform';

// Regulation cases arrive with the orientation issue; the service already owns its
// schema, its outbox and its health endpoints.
@Module({
  imports: [
    PersistenceModule.forService('orientation', [], [MessagingTables1763800000000]),
    MessagingModule.forService('orientation'),
    HealthModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
