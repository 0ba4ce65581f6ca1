import { PatientOriented, PayloadOf } from '@sas/contracts';
import { hubDateTime } from './hub-date-time';
import { distributionIdOf, readFeedback, reportEnvelope } from './hub-envelope';
import { isWholeAppointment, LrmAppointment, orientationCategoryOf, updatedAppointment } from './lrm-appointment';
import { lrmPractitioner, lrmRegulator, PROFESSION_URL, SPECIALITY_URL } from './lrm-people';

// The guide's example "Message PTF SAS -> SAMU 33" (specifications_techniques-transmission-info-RDV-LRM).
const guideExample = {
  distributionID: 'fr.health.ptfsas_30c8e00d-68b2-4092-a4f2-a9cb19b416e9',
  senderID: 'fr.health.ptfsas',
  dateTimeSent: '2025-10-28T17:05:54+01:00',
  dateTimeExpires: '2025-10-29T17:05:54+01:00',
  distributionStatus: 'Actual',
  distributionKind: 'Report',
  descriptor: {
    language: 'fr-FR',
    explicitAddress: { explicitAddressScheme: 'hubex', explicitAddressValue: 'fr.health.samu330' },
  },
  content: [
    {
      jsonContent: {
        embeddedJsonContent: {
          message: {
            messageId: 'fr.health.ptfsas_30c8e00d-68b2-4092-a4f2-a9cb19b416e9',
            sender: { name: 'fr.health.ptfsas', URI: 'hubex:fr.health.ptfsas' },
            sentAt: '2025-10-28T17:05:54+01:00',
            status: 'Actual',
            kind: 'Report',
            recipient: [{ name: 'fr.health.samu330', URI: 'hubex:fr.health.samu330' }],
            appointment: {
              appointmentId: '2d2db05f-e2b0-4169-be8f-891806da2c74',
              method: 'CreateAppointment',
              created: '2025-06-17T10:15:00+02:00',
              status: 'booked',
              orientationCategory: 'PS',
              start: '2025-06-17T14:00:00+02:00',
              end: '2025-06-17T14:20:00+02:00',
              practitioner: {
                rppsId: '810005681340',
                lastName: 'MOREL',
                firstName: 'Didier',
                specialityCode: 'SM54',
                specialityUrl: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale',
                professionUrl: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
                professionCode: '10',
              },
              regulator: {
                regulatorId: '3620100057/70326SR',
                regulatorName: 'RICART',
                regulatorFirstname: 'Pauline',
                regulatorEmail: 'pauline.ricart@ghsas.fr',
              },
            },
          },
        },
      },
    },
  ],
};

describe('Hub Santé envelope (EDXL-DE, RC-DE) and feedback', () => {
  const appointment = guideExample.content[0].jsonContent.embeddedJsonContent.message.appointment as LrmAppointment;

  it("builds the guide's example message, field for field", () => {
    const built = reportEnvelope({
      distributionId: distributionIdOf('fr.health.ptfsas', '30c8e00d-68b2-4092-a4f2-a9cb19b416e9'),
      sender: 'fr.health.ptfsas',
      recipient: 'fr.health.samu330',
      sentAt: new Date('2025-10-28T16:05:54Z'),
      expiresAt: new Date('2025-10-29T16:05:54Z'),
      appointment,
    });
    expect(built).toEqual(guideExample);
  });

  it("fills the guide's practitioner and regulator blocks field by field from patient-oriented and the account", () => {
    const oriented = {
      practitionerRpps: '10005681340',
      practitioner: { familyName: 'MOREL', givenName: 'Didier', profession: 'general-practitioner', specialties: ['SM54'] },
    } as PayloadOf<typeof PatientOriented>;
    const practitioner = lrmPractitioner(oriented)!;
    const regulator = lrmRegulator({
      nationalId: null,
      localId: '3620100057/70326SR',
      familyName: 'RICART',
      givenName: 'Pauline',
      email: 'pauline.ricart@ghsas.fr',
    });
    expect(practitioner.rppsId).toBe('810005681340');
    expect(practitioner.lastName).toBe('MOREL');
    expect(practitioner.firstName).toBe('Didier');
    expect(practitioner.specialityCode).toBe('SM54');
    expect(practitioner.specialityUrl).toBe(SPECIALITY_URL);
    expect(practitioner.professionCode).toBe('10');
    expect(practitioner.professionUrl).toBe(PROFESSION_URL);
    expect(practitioner).toEqual(appointment.practitioner);
    expect(regulator.regulatorId).toBe('3620100057/70326SR');
    expect(regulator.regulatorName).toBe('RICART');
    expect(regulator.regulatorFirstname).toBe('Pauline');
    expect(regulator.regulatorEmail).toBe('pauline.ricart@ghsas.fr');
    expect(regulator).toEqual(appointment.regulator);
  });

  it('sends what is on record and invents nothing: the RPPS alone, a regulator without names', () => {
    expect(lrmPractitioner({ practitionerRpps: '10005681340' } as PayloadOf<typeof PatientOriented>)).toEqual({
      rppsId: '810005681340',
    });
    const nameless = {
      practitionerRpps: '10005681340',
      practitioner: { profession: 'osteopath', specialties: ['general'] },
    } as PayloadOf<typeof PatientOriented>;
    expect(lrmPractitioner(nameless)).toEqual({ rppsId: '810005681340' });
    expect(
      lrmPractitioner({ practitioner: { familyName: 'MOREL', profession: 'midwife' } } as PayloadOf<typeof PatientOriented>),
    ).toBeUndefined();
    expect(
      lrmPractitioner({ practitionerRpps: '10005681340', practitioner: { profession: 'midwife' } } as PayloadOf<
        typeof PatientOriented
      >),
    ).toEqual({
      rppsId: '810005681340',
      professionUrl: PROFESSION_URL,
      professionCode: '50',
    });
    expect(lrmRegulator({ nationalId: '10000000001', localId: null, familyName: null, givenName: null, email: null })).toEqual({
      regulatorId: '10000000001',
    });
  });

  it('writes Paris time with its offset, summer and winter', () => {
    expect(hubDateTime(new Date('2025-06-17T12:00:00.123Z'))).toBe('2025-06-17T14:00:00+02:00');
    expect(hubDateTime(new Date('2025-12-01T08:30:05Z'))).toBe('2025-12-01T09:30:05+01:00');
  });

  it('an update repeats the whole appointment with the change', () => {
    const change = { appointmentId: appointment.appointmentId, method: 'UpdateAppointment', status: 'cancelled' } as const;
    expect(isWholeAppointment(change)).toBe(false);
    expect(isWholeAppointment(appointment)).toBe(true);
    expect(updatedAppointment(appointment, change)).toEqual({ ...appointment, method: 'UpdateAppointment', status: 'cancelled' });
  });

  it.each([
    ['snp-consultation', 'PS'],
    ['sos-medecins', 'SOS'],
    ['maison-medicale-de-garde', 'PDM'],
    ['emergency-department', undefined],
  ] as const)('outcome %s is category %s', (outcome, category) => {
    expect(orientationCategoryOf(outcome)).toBe(category);
  });

  it("reads the guide's final acknowledgement (RC-REF)", () => {
    const ack = {
      distributionID: 'fr.health.samu330_cf21c600-3bd2-49e6-8651-c97dac05d021',
      distributionKind: 'Ack',
      content: [
        {
          jsonContent: {
            embeddedJsonContent: { message: { kind: 'Ack', reference: { distributionID: guideExample.distributionID } } },
          },
        },
      ],
    };
    expect(readFeedback(Buffer.from(JSON.stringify(ack)))).toEqual({ kind: 'ack', distributionId: guideExample.distributionID });
  });

  it("reads the guide's LRM error (409 CONFLICT) with its cause", () => {
    const error = {
      distributionID: 'fr.health.hub_cb0f6f14-6b57-4fb5-a635-97705c8d31e8',
      distributionKind: 'Error',
      content: [
        {
          jsonContent: {
            embeddedJsonContent: {
              message: {
                error: {
                  errorCode: { statusCode: 409, statusString: 'CONFLICT' },
                  errorCause: "Impossible de créer ce RDV. L'identifiant du RDV existe déjà",
                  sourceMessage: guideExample,
                  referencedDistributionID: guideExample.distributionID,
                },
              },
            },
          },
        },
      ],
    };
    expect(readFeedback(Buffer.from(JSON.stringify(error)))).toEqual({
      kind: 'error',
      distributionId: guideExample.distributionID,
      reason: "409 CONFLICT: Impossible de créer ce RDV. L'identifiant du RDV existe déjà",
    });
  });

  it('reads a hub error that only quotes the rejected message', () => {
    const error = {
      distributionKind: 'Error',
      content: [
        {
          jsonContent: {
            embeddedJsonContent: {
              message: {
                error: {
                  errorCode: { statusCode: 400, statusString: 'EXPIRED_MESSAGE_BEFORE_ROUTING' },
                  errorCause: 'expired',
                  sourceMessage: { distributionID: 'x_1' },
                },
              },
            },
          },
        },
      ],
    };
    expect(readFeedback(Buffer.from(JSON.stringify(error)))).toEqual({
      kind: 'error',
      distributionId: 'x_1',
      reason: '400 EXPIRED_MESSAGE_BEFORE_ROUTING: expired',
    });
  });

  it.each([
    ['not json', 'not JSON'],
    [JSON.stringify({ distributionKind: 'Report' }), 'neither Ack nor Error'],
    [JSON.stringify({ distributionID: 'a', distributionKind: 'Ack', content: [] }), 'references no distributionID'],
  ])('calls %s unreadable', (body, reason) => {
    const feedback = readFeedback(Buffer.from(body));
    expect(feedback.kind).toBe('unreadable');
    expect(feedback.kind === 'unreadable' && feedback.reason).toContain(reason);
  });
});
