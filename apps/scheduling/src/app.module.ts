import { Module } from '@nestjs/common';
import { MessagingModule, MessagingTables1763800000000 } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule } from '@sas/platform';
import { AppointmentEntity } from './appointments/appointment.entity';
import { AppointmentsModule } from './appointments/appointments.module';
import { DirectoryModule } from './directory/directory.module';
import { PlaceEntity } from './directory/place.entity';
import { PractitionerEntity } from './directory/practitioner.entity';
import { StructureEntity } from './directory/structure.entity';
import { SchedulingSchema1763800000001 } from './migrations/1763800000001-scheduling-schema';
import { OpeningRules1763800000002 } from './migrations/1763800000002-opening-rules';
import { VendorFeeds1763800000003 } from './migrations/1763800000003-vendor-feeds';
import { FhirModule } from './fhir/fhir.module';
import { OpeningRulesModule } from './opening-rules/opening-rules.module';
import { SlotEntity } from './slots/slot.entity';
import { SlotsModule } from './slots/slots.module';

@Module({
  imports: [
    PersistenceModule.forService(
      'scheduling',
      [PractitionerEntity, StructureEntity, PlaceEntity, SlotEntity, AppointmentEntity],
      [MessagingTables1763800000000, SchedulingSchema1763800000001, OpeningRules1763800000002, VendorFeeds1763800000003],
    ),
    MessagingModule.forService('scheduling'),
    HealthModule,
    DirectoryModule,
    SlotsModule,
    AppointmentsModule,
    OpeningRulesModule,
    FhirModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
