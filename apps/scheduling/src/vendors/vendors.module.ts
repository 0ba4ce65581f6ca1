import { Module } from '@nestjs/common';
import { AuditTrail } from '@sas/auth';
import { VendorsController } from './vendors.controller';
import { VendorsService } from './vendors.service';

@Module({
  controllers: [VendorsController],
  providers: [VendorsService, AuditTrail],
  exports: [VendorsService],
})
export class VendorsModule {}
