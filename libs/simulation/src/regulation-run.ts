import { call, expectStatus, ServiceUrls } from './api-client';
import { Badges } from './badges';
import { CallProfile } from './call-model';
import { performedBy } from './daily-outcome-reports';
import { bookHandedOver, VendorDesk, VendorFollowUp } from './vendor-desk';

export interface SearchResult {
  slotId: string;
  practitioner?: { system: string; value: string };
  structure?: { system: string; value: string };
  start: string;
  modes: string[];
  /** The place of consultation (its commune: the destination of an origin–destination pair). */
  place?: { communeCode: string };
  visibility?: string[];
}

/** A booking made for a call, followed up later by the practice. */
export interface Booking {
  appointmentId: string;
  start: Date;
  owner: { system: string; value: string };
  /** Set when the slot lives at an agenda vendor: its follow-ups go by the vendor (INT_R03). */
  vendor?: VendorFollowUp;
  /** The case's commune and the booked place's: the booking's origin–destination pair. */
  origin: string;
  destination: string;
  /** The slot booked, and whether it is an SNP one (the slot utilisation counts those). */
  slotId?: string;
  snp?: boolean;
}

export interface CallResult {
  territory: string;
  outcome: string;
  booking?: Booking;
  /** Results seen but not chosen: candidates for the public to book elsewhere. */
  otherSlots: SearchResult[];
  /** When the call was received (sent with the case), and the urgency and mode its orientation records. */
  callReceivedAt?: string;
  urgency?: string;
  mode?: string;
}

export interface LatencyLog {
  record(kind: 'search' | 'booking' | 'step', ms: number, status: number): void;
}

/** Searches answered 503 (matching did not answer orientation in time) that an operator runs again before giving up on the call. */
const SEARCH_ATTEMPTS = 3;

/**
 * One call from opening to orientation, through the real APIs and the roles of the
 * regulation chain: the call-taker opens and triages, the GP regulator assesses, the
 * SNP operator tries the patient's own doctor, searches and books. `think(s)` waits the
 * simulated seconds a person spends on a step. `assessed` hears of the assessment as
 * soon as the service has recorded it: a call that fails later was an SNP request all
 * the same.
 */
export async function regulateCall(
  profile: CallProfile,
  urls: ServiceUrls,
  badges: Badges,
  latencies: LatencyLog,
  think: (seconds: number) => Promise<void>,
  assessed: (consultationNeeded: boolean) => void = () => undefined,
  vendors?: VendorDesk,
): Promise<CallResult> {
  const step = async (path: string, token: string, body: unknown, kind: 'search' | 'booking' | 'step' = 'step') => {
    const answer = await call('POST', `${urls.orientation}/cases${path}`, token, body);
    latencies.record(kind, answer.ms, answer.status);
    return answer;
  };
  const expectOk = async (path: string, token: string, body: unknown, status = 200) => {
    const answer = await step(path, token, body);
    if (answer.status !== status)
      throw new Error(`POST /cases${path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  };
  const { territory } = profile;
  const callReceivedAt = new Date().toISOString();
  // What the orientation records: the assessment's urgency and mode, a hand-over's or a booking's mode.
  const needed = !profile.lifeThreatening && profile.consultationNeeded;
  let mode: string | undefined = needed ? profile.mode : undefined;
  const callTaker = await badges.regulator(territory, 'call-taker');
  const kase = await expectOk(
    '',
    callTaker,
    {
      territory,
      channel: profile.channel,
      communeCode: profile.communeCode,
      ageBand: profile.ageBand,
      sex: profile.sex,
      reasonCategory: profile.reasonCategory,
      hasTreatingDoctor: profile.hasTreatingDoctor,
      callReceivedAt,
    },
    201,
  );
  const id = kase.id as string;
  await think(60);
  await expectOk(`/${id}/triage`, callTaker, { lifeThreatening: profile.lifeThreatening });
  const doctor = await badges.regulator(territory, 'gp-regulator');
  const result = (outcome: string, extra: Partial<CallResult> = {}): CallResult => ({
    territory,
    outcome,
    otherSlots: [],
    callReceivedAt,
    ...(needed && { urgency: profile.urgency }),
    ...(mode && { mode }),
    ...extra,
  });

  if (profile.lifeThreatening) {
    await think(120);
    await expectOk(`/${id}/orientation`, doctor, { outcome: profile.emergencyOutcome });
    return result(profile.emergencyOutcome);
  }
  await think(240);
  const decided = profile.consultationNeeded
    ? { consultationNeeded: true, urgency: profile.urgency, mode: profile.mode, specialty: 'SM54' }
    : { consultationNeeded: false };
  await expectOk(`/${id}/assessment`, doctor, decided);
  assessed(profile.consultationNeeded);
  if (!profile.consultationNeeded) {
    await expectOk(`/${id}/orientation`, doctor, { outcome: profile.adviceOutcome });
    return result(profile.adviceOutcome);
  }
  const operator = await badges.regulator(territory, 'snp-operator');
  if (profile.hasTreatingDoctor) {
    await think(120);
    await expectOk(`/${id}/treating-doctor-attempt`, operator, { result: profile.treatingDoctor });
    if (profile.treatingDoctor === 'reached') {
      await expectOk(`/${id}/orientation`, operator, { outcome: 'treating-doctor' });
      return result('treating-doctor');
    }
  }
  let seen: SearchResult[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    await think(45);
    let found = await searchFor(id, {});
    // Nothing near: the operator widens the search once.
    if (found.length === 0) found = await searchFor(id, { radiusKm: 30 });
    if (found.length === 0) break;
    seen = found;
    const chosen = found[Math.min(profile.choice, found.length - 1)];
    await think(30);
    const requested = chosen.modes.includes(profile.mode) ? profile.mode : chosen.modes[0];
    const booked = await step(
      `/${id}/orientation`,
      operator,
      {
        outcome: 'snp-consultation',
        slotId: chosen.slotId,
        mode: requested,
      },
      'booking',
    );
    if (booked.status === 200) {
      const owner = (chosen.practitioner ?? chosen.structure)!;
      // A vendor-hosted slot: handed over, the regulator books it on the vendor's page.
      const atVendor = await bookHandedOver(vendors, chosen, booked.body);
      // A hand-over records the mode asked; the vendor's booking reports none, so the slot's first mode is taken.
      mode = atVendor && atVendor !== 'taken' ? chosen.modes[0] : requested;
      if (atVendor === 'taken') continue;
      return result('snp-consultation', {
        booking: {
          slotId: chosen.slotId,
          snp: chosen.visibility?.includes('SNP') ?? false,
          appointmentId: atVendor?.appointmentId ?? (booked.body.appointmentId as string),
          start: new Date(chosen.start),
          owner,
          vendor: atVendor?.followUp,
          origin: profile.communeCode,
          destination: chosen.place!.communeCode,
        },
        otherSlots: seen.filter((s) => s.slotId !== chosen.slotId),
      });
    }
    // Taken in the meantime (by another regulator or elsewhere): search again.
    if (booked.status !== 409) throw new Error(`booking → ${booked.status} ${JSON.stringify(booked.body).slice(0, 300)}`);
  }
  const beyond = await call<{ results: { practitioner?: { value: string } }[] }>(
    'GET',
    `${urls.matching}/search/practitioners-beyond-slots?commune=${profile.communeCode}&limit=5`,
    operator,
  );
  latencies.record('search', beyond.ms, beyond.status);
  const willing = beyond.status === 200 ? beyond.body.results.find((r) => r.practitioner) : undefined;
  if (willing) {
    await expectOk(`/${id}/orientation`, operator, {
      outcome: 'beyond-published-slots',
      practitionerRpps: willing.practitioner!.value,
    });
    return result('beyond-published-slots', { otherSlots: seen });
  }
  await expectOk(`/${id}/orientation`, operator, { outcome: 'no-solution', noSolutionReason: 'no-slot-in-time' });
  return result('no-solution', { otherSlots: seen });

  async function searchFor(caseId: string, body: object): Promise<SearchResult[]> {
    for (let attempt = 1; ; attempt++) {
      const answer = await step(`/${caseId}/search`, operator, body, 'search');
      if (answer.status === 200) return answer.body.results as SearchResult[];
      if (answer.status !== 503 || attempt === SEARCH_ATTEMPTS)
        throw new Error(`search → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      await think(10);
    }
  }
}

/** The practice reports what became of an appointment (or the patient cancels through it). */
export async function followUp(
  booking: Booking,
  fate: 'cancelled' | 'no-show' | 'honoured',
  urls: ServiceUrls,
  badges: Badges,
  latencies: LatencyLog,
): Promise<void> {
  if (booking.vendor) {
    const started = performance.now();
    await booking.vendor(fate);
    return latencies.record('step', performance.now() - started, 200);
  }
  const token = await badges.practice(booking.owner);
  const base = `${urls.scheduling}/appointments/${booking.appointmentId}`;
  const started = performance.now();
  if (fate === 'cancelled') await expectStatus(200, 'POST', `${base}/cancel`, token, { by: 'patient' });
  else await expectStatus(200, 'POST', `${base}/${fate}`, token, performedBy(booking.owner));
  latencies.record('step', performance.now() - started, 200);
}
