import { Injectable } from '@nestjs/common';
import { Conflict, DependencyUnavailable, InvalidInput, NotFound } from '@sas/platform';
import { passedThrough, requestJson, serviceUrl } from './http-json';
import { ConsultationModeCode } from '@sas/contracts';

/** What scheduling answers to a booking. */
export interface Booking {
  id: string;
  slotId: string;
  mode: ConsultationModeCode;
  start: string;
  end: string;
  ownerId: string;
  practitionerId: string | null;
  practitionerRpps: string | null;
  /** The booked practitioner as scheduling's directory knows them; absent from older answers. */
  practitioner?: BookedPractitioner | null;
  structureId: string | null;
  communeCode: string;
}

/** What scheduling answers for a vendor-hosted slot (202): not booked, the vendor's page to book it on. */
export interface HandOverAnswer extends Omit<Booking, 'id'> {
  handOver: { url: string; expiresAt: string; vendor: string };
}

export interface BookedPractitioner {
  familyName: string | null;
  givenName: string | null;
  profession: string;
  specialties: string[];
}

/** An appointment as scheduling answers it to a practice that owns it (GET /appointments/:id). */
export interface AppointmentSeen {
  id: string;
  slotId: string;
  caseId: string | null;
  mode: ConsultationModeCode;
  status: string;
}

/** Booking through scheduling, the single writer of slot state (SCHEDULING_URL). */
@Injectable()
export class SchedulingClient {
  private readonly base = serviceUrl('SCHEDULING_URL');

  /**
   * Books the slot for the case. 409 from scheduling (taken, expired, withdrawn) comes
   * back as a Conflict with scheduling's reason; a slot it does not know, or a mode the
   * slot does not offer, as a 400 on our own fields. The regulator's token is forwarded:
   * scheduling checks the role, limits the rate and records the regulator in its audit trail.
   */
  async book(
    request: { slotId: string; caseId: string; territory: string; mode?: string },
    token: string,
  ): Promise<Booking | HandOverAnswer> {
    const answer = await requestJson<
      Booking & HandOverAnswer & { reason?: string; message?: string; errors?: { field: string; reason: string }[] }
    >('scheduling', `${this.base}/appointments`, { method: 'POST', body: request, token });
    if (answer.status === 201) return answer.body;
    if (answer.status === 202) return answer.body as HandOverAnswer;
    if (answer.status === 409)
      throw new Conflict(answer.body.reason ?? 'slot-unavailable', answer.body.message ?? 'the slot cannot be booked');
    if (answer.status === 404) throw InvalidInput.field('slotId', `slot ${request.slotId} does not exist`);
    if (answer.status === 400)
      throw new InvalidInput(answer.body.errors ?? [{ field: 'slotId', reason: answer.body.message ?? 'refused by scheduling' }]);
    throw passedThrough('scheduling', answer) ?? new DependencyUnavailable(`scheduling answered ${answer.status} to a booking`);
  }

  /**
   * The appointment as the caller may see it: scheduling authorises a practice on its own
   * appointments only, so this call is the ownership check of whatever orientation then
   * tells the caller about it. 403 and 404 keep their meaning.
   */
  async appointment(id: string, token: string): Promise<AppointmentSeen> {
    const answer = await requestJson<AppointmentSeen & { message?: string }>('scheduling', `${this.base}/appointments/${id}`, {
      token,
    });
    if (answer.status === 200) return answer.body;
    if (answer.status === 404) throw new NotFound(`appointment ${id} does not exist`);
    throw (
      passedThrough('scheduling', answer) ??
      new DependencyUnavailable(`scheduling answered ${answer.status} to reading appointment ${id}`)
    );
  }

  /** Undoes a booking this service could not record (the case changed meanwhile), as the regulator or as this service. */
  async cancel(appointmentId: string, token: string): Promise<void> {
    const answer = await requestJson('scheduling', `${this.base}/appointments/${appointmentId}/cancel`, {
      method: 'POST',
      body: { by: 'regulator' },
      token,
    });
    if (answer.status !== 200) throw new Error(`scheduling answered ${answer.status} to cancelling appointment ${appointmentId}`);
  }
}
