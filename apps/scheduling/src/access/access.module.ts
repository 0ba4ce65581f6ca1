import { Global, Module } from '@nestjs/common';
import { AgendaAccess } from './agenda-access';

@Global()
@Module({ providers: [AgendaAccess], exports: [AgendaAccess] })
export class AccessModule {}
