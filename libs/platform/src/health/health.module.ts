import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

/**
 * Terminus for a service. The app module lists `HealthController` among its own
 * controllers, so that the controller sees the app's READINESS_CHECKS provider.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  exports: [TerminusModule],
})
export class HealthModule {}
