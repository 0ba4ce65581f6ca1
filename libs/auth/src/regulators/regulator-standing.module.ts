import { Global, Module } from '@nestjs/common';
import { RegulatorStanding } from './regulator-standing';

/**
 * Imported by every service that admits regulators (after its MessagingModule): the auth
 * guard then refuses the tokens of deactivated accounts.
 */
@Global()
@Module({ providers: [RegulatorStanding], exports: [RegulatorStanding] })
export class RegulatorStandingModule {}
