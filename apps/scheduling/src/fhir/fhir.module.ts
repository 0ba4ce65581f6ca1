import { Module } from '@nestjs/common';
import { FhirSlotSearchService } from './fhir-slot-search.service';
import { FhirSosSearchService } from './fhir-sos-search.service';
import { FhirDirectoryService } from './fhir-directory.service';
import { FhirController } from './fhir.controller';
import { VendorSyncService } from './vendor-sync.service';
import { VendorsModule } from '../vendors/vendors.module';
import { FhirAppointmentsController } from './appointments/fhir-appointments.controller';
import { VendorAppointmentsService } from './appointments/vendor-appointments.service';

@Module({
  imports: [VendorsModule],
  controllers: [FhirAppointmentsController, FhirController],
  providers: [VendorAppointmentsService, FhirSlotSearchService, FhirSosSearchService, FhirDirectoryService, VendorSyncService],
})
export class FhirModule {}
