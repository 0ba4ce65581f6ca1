import { Module } from '@nestjs/common';
import { FhirSlotSearchService } from './fhir-slot-search.service';
import { FhirSosSearchService } from './fhir-sos-search.service';
import { FhirController } from './fhir.controller';
import { VendorSyncService } from './vendor-sync.service';
import { VendorsModule } from '../vendors/vendors.module';

@Module({ imports: [VendorsModule], controllers: [FhirController], providers: [FhirSlotSearchService, FhirSosSearchService, VendorSyncService] })
export class FhirModule {}
