import { Global, Module } from '@nestjs/common';
import { VendorsModule } from '../vendors/vendors.module';
import { AgendaAccess } from './agenda-access';
import { AgendaScopes } from './agenda-scope';

@Global()
@Module({ imports: [VendorsModule], providers: [AgendaAccess, AgendaScopes], exports: [AgendaAccess, AgendaScopes] })
export class AccessModule {}
