import { Global, Module } from '@nestjs/common';
import { VendorsModule } from '../vendors/vendors.module';
import { AgendaAccess } from './agenda-access';

@Global()
@Module({ imports: [VendorsModule], providers: [AgendaAccess], exports: [AgendaAccess] })
export class AccessModule {}
