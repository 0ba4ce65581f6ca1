import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { ConsultationModeCode } from '@sas/contracts';
import { Gone, NotFound } from '@sas/platform';
import { DataSource } from 'typeorm';
import { recordStep } from '../cases/case-store';
import { SchedulingClient } from '../neighbours/scheduling-client';
import { ContactCipher, PatientContact, PractitionerNote } from '../patient-contact/contact-cipher';
import { contactRetentionMs } from '../patient-contact/contact-erasure.job';

/** What the practice needs to receive the patient of one of its appointments. */
export interface PracticePatient {
  appointmentId: string;
  caseId: string;
  mode: ConsultationModeCode;
  ageBand: string;
  sex: 'F' | 'M' | null;
  reasonCategory: string;
  urgency: string | null;
  patient: PatientContact;
  practitionerNote: string | null;
  /** When this is erased (the contact's retention): the practice should not keep it longer either. */
  availableUntil: string;
}

interface CaseRow {
  id: string;
  territory: string;
  age_band: string;
  sex: 'F' | 'M' | null;
  reason_category: string;
  urgency: string | null;
  call_received_at: Date;
  patient_contact: Buffer | null;
  practitioner_note: Buffer | null;
  contact_erase_after: Date | null;
}

/**
 * The patient a practice receives: read from the case of an appointment booked into its
 * slot. Scheduling decides whether the appointment is the caller's (its GET answers a
 * practice's own appointments only, 403 otherwise); orientation then answers only for the
 * case that appointment was booked for, while the appointment stands and the contact's
 * retention runs, and records the reading in its append-only audit trail in the transaction
 * that reads the contact. Nothing of it is logged or published.
 */
@Injectable()
export class PracticePatientService {
  private readonly cipher = ContactCipher.fromEnvironment();
  private readonly retentionMs = contactRetentionMs();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduling: SchedulingClient,
    private readonly audit: AuditTrail,
  ) {}

  async read(appointmentId: string, principal: Principal, now = new Date()): Promise<PracticePatient> {
    const appointment = await this.scheduling.appointment(appointmentId, principal.token);
    if (!appointment.caseId)
      throw new NotFound(`appointment ${appointmentId} was not booked for a regulation case: there is no patient file to read`);
    if (appointment.status === 'cancelled')
      throw new Gone('appointment-cancelled', `appointment ${appointmentId} was cancelled: its patient is no longer expected`);
    const read = await this.db.transaction(async (tx) => {
      const [kase] = (await tx.query(
        `SELECT id, territory, age_band, sex, reason_category, urgency, call_received_at, patient_contact, practitioner_note,
                contact_erase_after
           FROM orientation.regulation_case WHERE id = $1 AND appointment_id = $2`,
        [appointment.caseId, appointmentId],
      )) as CaseRow[];
      if (!kase) throw new NotFound(`appointment ${appointmentId} is not the current appointment of its regulation case`);
      const until = kase.contact_erase_after ?? new Date(kase.call_received_at.getTime() + this.retentionMs);
      if (until <= now)
        throw new Gone(
          'patient-data-erased',
          `the patient's details of appointment ${appointmentId} were kept until ${until.toISOString()} (retention) and are no longer available`,
        );
      await recordStep(tx, {
        caseId: kase.id,
        step: 'patient-read',
        actorId: null,
        actorRole: principal.role,
        details: { appointmentId },
        at: now,
      });
      await this.audit.record(tx, principal, {
        action: 'patient-read',
        targetType: 'appointment',
        targetId: appointmentId,
        territory: kase.territory,
        detail: { caseId: kase.id },
      });
      return { kase, until };
    });
    const { kase, until } = read;
    return {
      appointmentId,
      caseId: kase.id,
      mode: appointment.mode,
      ageBand: kase.age_band,
      sex: kase.sex,
      reasonCategory: kase.reason_category,
      urgency: kase.urgency,
      patient: kase.patient_contact ? this.cipher.open<PatientContact>(kase.patient_contact) : {},
      practitionerNote: kase.practitioner_note ? this.cipher.open<PractitionerNote>(kase.practitioner_note).note : null,
      availableUntil: until.toISOString(),
    };
  }
}
