import { Module } from '@nestjs/common';
import { AuditController, AuditTrail1763800000020, AuthModule, RegulatorStandingModule } from '@sas/auth';
import { MESSAGING_MIGRATIONS, MessagingModule } from '@sas/messaging';
import { PersistenceModule } from '@sas/persistence';
import { HealthController, HealthModule, MetricsModule } from '@sas/platform';
import { SettingsModule } from '@sas/settings';
import { CaseEntity, CaseStepEntity } from './cases/case.entity';
import { CasesModule } from './cases/cases.module';
import { AppointmentFollowUpConsumer } from './follow-up/appointment-follow-up.consumer';
import { HubModule } from './hub/hub.module';
import { OrientationSchema1763800000010 } from './migrations/1763800000010-orientation-schema';
import { HubMessageLedger1764860000023 } from './migrations/1764860000023-hub-message-ledger';
import { HubPractitionerRegulator1764870000023 } from './migrations/1764870000023-hub-practitioner-regulator';
import { VendorHandOver1765000000022 } from './migrations/1765000000022-vendor-hand-over';
import { PractitionerNote1765120000030 } from './migrations/1765120000030-practitioner-note';
import { PracticePatientsModule } from './practice-patients/practice-patients.module';
import { CaseEquityNeeds1765150000030 } from './migrations/1765150000030-case-equity-needs';
import { PreTriageProtocol1765150000031 } from './migrations/1765150000031-pre-triage-protocol';
import { PreTriageRuleEntity } from './pre-triage/pre-triage-rule.entity';
import { PreTriageModule } from './pre-triage/pre-triage.module';
import { HandOverModule } from './hand-over/hand-over.module';
import { HandOverConfirmation } from './hand-over/hand-over-confirmation';
import { ContactErasureJob } from './patient-contact/contact-erasure.job';
import { RegulatorEntity } from './regulators/regulator.entity';
import { RegulatorsModule } from './regulators/regulators.module';
import { ORIENTATION_SETTINGS } from './settings';

/** Regulation cases from the call to the outcome; the only service holding patient details. */
@Module({
  imports: [
    SettingsModule.forService('orientation', ORIENTATION_SETTINGS),
    AuthModule.forService('orientation'),
    MetricsModule.forService('orientation'),
    PersistenceModule.forService(
      'orientation',
      [RegulatorEntity, CaseEntity, CaseStepEntity, PreTriageRuleEntity],
      [
        ...MESSAGING_MIGRATIONS,
        OrientationSchema1763800000010,
        AuditTrail1763800000020,
        HubMessageLedger1764860000023,
        HubPractitionerRegulator1764870000023,
        VendorHandOver1765000000022,
        PractitionerNote1765120000030,
        CaseEquityNeeds1765150000030,
        PreTriageProtocol1765150000031,
      ],
    ),
    MessagingModule.forService('orientation'),
    RegulatorStandingModule,
    HealthModule,
    RegulatorsModule,
    CasesModule,
    PreTriageModule,
    HubModule,
    HandOverModule,
    PracticePatientsModule,
  ],
  controllers: [HealthController, AuditController, AppointmentFollowUpConsumer],
  providers: [HandOverConfirmation, ContactErasureJob],
})
export class AppModule {}
