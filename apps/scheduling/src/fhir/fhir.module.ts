import { Module } from '@nestjs/common';
import { FhirSlotSearchService } from './fhir-slot-search.service';
import { FhirSosSearchService } from './fhir-sos-search.service';
import { FhirDirectoryService } from './fhir-directory.service';
import { FhirController } from './fhir.controller';
import { VendorSyncService } from './vendor-sync.service';
import { VendorsModule } from '../vendors/vendors.module';

@Module({
  imports: [VendorsModule],
  controllers: [FhirController],
  providers: [FhirSlotSearchService, FhirSosSearchService, FhirDirectoryService, VendorSyncService],
})
export class FhirModule {}
