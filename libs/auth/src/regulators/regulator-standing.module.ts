import { Global, Module } from '@nestjs/common';
import { RegulatorStanding } from './regulator-standing';
import { RegulatorStandingConsumer } from './regulator-standing.consumer';

/**
 * Imported by every service that admits regulators (after its MessagingModule): the auth
 * guard then refuses the tokens of deactivated accounts.
 */
@Global()
@Module({ controllers: [RegulatorStandingConsumer], providers: [RegulatorStanding], exports: [RegulatorStanding] })
export class RegulatorStandingModule {}
