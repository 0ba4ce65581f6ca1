import { Module } from '@nestjs/common';
import { HandOverTimeoutJob } from './hand-over-timeout.job';

/** The hand-over's clock; the recorder and the confirmation live with the cases and the follow-up. */
@Module({ providers: [HandOverTimeoutJob] })
export class HandOverModule {}
