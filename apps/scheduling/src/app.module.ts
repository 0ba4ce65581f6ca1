import { Module } from '@nestjs/common';
import { AuditController, AuditTrail1763800000020, AuthModule, RegulatorStandingModule } from '@sas/auth';
import { MESSAGING_MIGRATIONS, MessagingModule } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule, MetricsModule } from '@sas/platform';
import { SettingsModule } from '@sas/settings';
import { AccessModule } from './access/access.module';
import { AgendaModule } from './agenda/agenda.module';
import { AppointmentEntity } from './appointments/appointment.entity';
import { AppointmentsModule } from './appointments/appointments.module';
import { CptsModule } from './cpts/cpts.module';
import { DirectoryModule } from './directory/directory.module';
import { PlaceEntity } from './directory/place.entity';
import { PractitionerEntity } from './directory/practitioner.entity';
import { StructureEntity } from './directory/structure.entity';
import { SchedulingSchema1763800000001 } from './migrations/1763800000001-scheduling-schema';
import { OpeningRules1763800000002 } from './migrations/1763800000002-opening-rules';
import { VendorFeeds1763800000003 } from './migrations/1763800000003-vendor-feeds';
import { VendorRegistry1763800000004 } from './migrations/1763800000004-vendor-registry';
import { FhirConformance1763800000024 } from './migrations/1763800000024-fhir-conformance';
import { AppointmentTerritory1764000000027 } from './migrations/1764000000027-appointment-territory';
import { VendorEndpoints1764900000021 } from './migrations/1764900000021-vendor-endpoints';
import { VendorAssociationConfirmation1764950000021 } from './migrations/1764950000021-vendor-association-confirmation';
import { VendorAppointments1765000000022 } from './migrations/1765000000022-vendor-appointments';
import { PracticeAgenda1765100000029 } from './migrations/1765100000029-practice-agenda';
import { Webhooks1765110000029 } from './migrations/1765110000029-webhooks';
import { NotificationsModule } from './notifications/notifications.module';
import { AppointmentOutcomeDetails1765120000029 } from './migrations/1765120000029-appointment-outcome-details';
import { PlaceEquity1765151000030 } from './migrations/1765151000030-place-equity';
import { PublishCptsPerimeters1765460000030 } from './migrations/1765460000030-publish-cpts-perimeters';
import { DirectoryLifecycle1765130000029 } from './migrations/1765130000029-directory-lifecycle';
import { FhirModule } from './fhir/fhir.module';
import { OpeningRulesModule } from './opening-rules/opening-rules.module';
import { SlotEntity } from './slots/slot.entity';
import { WalkInCapacity1765140000030 } from './migrations/1765140000030-walk-in-capacity';
import { WebhookDeliveryRetention1765600000029 } from './migrations/1765600000029-webhook-delivery-retention';
import { SlotsModule } from './slots/slots.module';
import { VendorsModule } from './vendors/vendors.module';
import { SCHEDULING_SETTINGS } from './settings';

@Module({
  imports: [
    SettingsModule.forService('scheduling', SCHEDULING_SETTINGS),
    AuthModule.forService('scheduling'),
    MetricsModule.forService('scheduling'),
    PersistenceModule.forService(
      'scheduling',
      [PractitionerEntity, StructureEntity, PlaceEntity, SlotEntity, AppointmentEntity],
      [
        ...MESSAGING_MIGRATIONS,
        SchedulingSchema1763800000001,
        OpeningRules1763800000002,
        VendorFeeds1763800000003,
        VendorRegistry1763800000004,
        AuditTrail1763800000020,
        FhirConformance1763800000024,
        AppointmentTerritory1764000000027,
        VendorEndpoints1764900000021,
        VendorAssociationConfirmation1764950000021,
        VendorAppointments1765000000022,
        PracticeAgenda1765100000029,
        Webhooks1765110000029,
        AppointmentOutcomeDetails1765120000029,
        PlaceEquity1765151000030,
        WalkInCapacity1765140000030,
        DirectoryLifecycle1765130000029,
        PublishCptsPerimeters1765460000030,
        WebhookDeliveryRetention1765600000029,
      ],
    ),
    MessagingModule.forService('scheduling'),
    RegulatorStandingModule,
    HealthModule,
    AccessModule,
    DirectoryModule,
    SlotsModule,
    AppointmentsModule,
    OpeningRulesModule,
    FhirModule,
    VendorsModule,
    CptsModule,
    AgendaModule,
    NotificationsModule,
  ],
  controllers: [HealthController, AuditController],
})
export class AppModule {}
