import { signDevelopmentToken } from '@sas/auth';
import { ApiError, call, ServiceUrls } from './api-client';
import { practiceToken } from './badges';
import {
  referenceOfHandOver,
  SIMULATED_VENDOR_APPOINTMENT_SYSTEM,
  vendorAppointment,
  VendorAppointmentStatus,
  VendorBookingFacts,
} from './vendor-appointment';

/** A running vendor deployment of the simulation: its scheduling's base URL and the practitioners it holds. */
export interface VendorSite {
  id: string;
  url: string;
  rpps: readonly string[];
}

/** A booking made at a vendor: what the vendor's agenda calls it, and the facts it last reported to the SAS. */
export interface VendorBookingTrail {
  site: VendorSite;
  vendorAppointmentId: string;
  reported: VendorBookingFacts;
}

type Owner = { system: string; value: string };
type Fate = 'cancelled' | 'no-show' | 'honoured';

/** How a vendor-hosted booking's end reaches the SAS: through its vendor. */
export type VendorFollowUp = (fate: Fate) => Promise<void>;

/** What the simulated vendors did, for the report. */
export interface VendorCounts {
  handOvers: number;
  bookedAtVendor: number;
  takenAtVendor: number;
  reportedToSas: number;
  bookedElsewhereAtVendor: number;
}

const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';
/** Regulator accounts at the vendors (the guide's INT_R02 creates them): enough that no one account meets a rate limit. */
const VENDOR_ACCOUNTS = 16;
const FINAL_STATUS: Record<Fate, { path: string; status: VendorAppointmentStatus }> = {
  cancelled: { path: 'cancel', status: 'cancelled' },
  'no-show': { path: 'no-show', status: 'noshow' },
  honoured: { path: 'honoured', status: 'fulfilled' },
};

/**
 * The vendors' side of the simulated day. A regulator handed over to a vendor's page books
 * the slot there (here: the vendor deployment's own booking API), the vendor's software then
 * reports the appointment to the SAS (`POST /fhir/Appointment`, INT_R03) with the hand-over's
 * reference, and later the practice's cancellation or outcome, recorded in the vendor's agenda,
 * goes to the SAS by the vendor's `PUT /fhir/Appointment?identifier=…`. The public books vendor
 * slots at the vendor, which our scheduling learns at its next poll.
 */
export class VendorDesk {
  private readonly byRpps = new Map<string, VendorSite>();
  private readonly tokens = new Map<string, Promise<string>>();
  private nextAccount = 0;
  readonly counts: VendorCounts = {
    handOvers: 0,
    bookedAtVendor: 0,
    takenAtVendor: 0,
    reportedToSas: 0,
    bookedElsewhereAtVendor: 0,
  };

  constructor(
    private readonly urls: ServiceUrls,
    sites: readonly VendorSite[],
    private readonly territories: readonly string[],
  ) {
    for (const site of sites) for (const rpps of site.rpps) this.byRpps.set(rpps, site);
  }

  /** The vendor holding this owner's agenda, if one does. */
  siteOf(owner: Owner | undefined): VendorSite | undefined {
    return owner?.system === 'RPPS' ? this.byRpps.get(owner.value) : undefined;
  }

  /**
   * Books the handed-over slot at its vendor and has the vendor report it: the SAS's
   * appointment id, or `taken` when the vendor's agenda no longer offers that slot.
   */
  async book(
    slot: { practitioner?: Owner; start: string },
    handOverUrl: string,
  ): Promise<{ appointmentId: string; trail: VendorBookingTrail } | 'taken'> {
    const site = this.siteOf(slot.practitioner);
    if (!site)
      throw new Error(`handed over to a vendor for ${JSON.stringify(slot.practitioner)}, whom no simulated vendor holds`);
    const rpps = slot.practitioner!.value;
    const { account, regulator } = await this.vendorAccount();
    this.counts.handOvers++;
    const found = await this.vendorSlot(site, rpps, slot.start, regulator);
    const booked = found && (await call<{ id: string }>('POST', `${site.url}/appointments`, regulator, { slotId: found.id }));
    if (!found || !booked || booked.status === 409) {
      this.counts.takenAtVendor++;
      return 'taken';
    }
    if (booked.status !== 201) throw new ApiError(booked.status, booked.body, `booking at vendor ${site.id}`);
    const now = new Date();
    const facts: VendorBookingFacts = {
      identifier: booked.body.id,
      status: 'booked',
      rpps,
      start: new Date(found.start),
      end: new Date(found.end),
      created: now,
      lastUpdated: now,
      operator: account,
      reference: referenceOfHandOver(handOverUrl),
    };
    this.counts.bookedAtVendor++;
    const reported = await this.report(site, 'POST', facts, 201);
    return { appointmentId: reported.id, trail: { site, vendorAppointmentId: booked.body.id, reported: facts } };
  }

  /** The practice records the appointment's end in its vendor agenda, and the vendor reports it to the SAS. */
  async followUp(trail: VendorBookingTrail, fate: Fate): Promise<void> {
    const practice = await this.token(`practice-${trail.reported.rpps}`, () =>
      practiceToken({ system: 'RPPS', value: trail.reported.rpps }, 24 * 3600),
    );
    const { path, status } = FINAL_STATUS[fate];
    const base = `${trail.site.url}/appointments/${trail.vendorAppointmentId}`;
    const recorded = await call('POST', `${base}/${path}`, practice, fate === 'cancelled' ? { by: 'patient' } : undefined);
    if (recorded.status !== 200) throw new ApiError(recorded.status, recorded.body, `${fate} at vendor ${trail.site.id}`);
    const lastUpdated = new Date(Math.max(Date.now(), trail.reported.lastUpdated.getTime() + 1));
    trail.reported = { ...trail.reported, status, lastUpdated };
    await this.report(trail.site, 'PUT', trail.reported, 200);
  }

  /** The public books a vendor slot on the vendor's own channels; the SAS hears of it at the next poll. */
  async bookElsewhere(slot: { practitioner?: Owner; start: string }): Promise<boolean> {
    const site = this.siteOf(slot.practitioner)!;
    const rpps = slot.practitioner!.value;
    const practice = await this.token(`practice-${rpps}`, () => practiceToken({ system: 'RPPS', value: rpps }, 24 * 3600));
    const found = await this.vendorSlot(site, rpps, slot.start, (await this.vendorAccount()).regulator);
    if (!found) return false;
    const answer = await call('POST', `${site.url}/slots/${found.id}/booked-elsewhere`, practice);
    if (answer.status === 409) return false;
    if (answer.status !== 200) throw new ApiError(answer.status, answer.body, `booked elsewhere at vendor ${site.id}`);
    this.counts.bookedElsewhereAtVendor++;
    return true;
  }

  /** The vendor's own free slot of that practitioner at that start, as its FHIR search (the guide's INT_R01) shows it. */
  private async vendorSlot(site: VendorSite, rpps: string, start: string, token: string) {
    const at = new Date(start).toISOString();
    const query = new URLSearchParams({
      status: 'free',
      'schedule.actor:Practitioner.identifier': `${IDNPS}|8${rpps}`,
    });
    query.append('start', `ge${at}`);
    query.append('start', `le${at}`);
    const answer = await call<{ entry?: { resource: { resourceType: string; id: string; start: string; end: string } }[] }>(
      'GET',
      `${site.url}/fhir/Slot?${query}`,
      token,
    );
    if (answer.status !== 200) throw new ApiError(answer.status, answer.body, `slot search at vendor ${site.id}`);
    return (answer.body.entry ?? [])
      .map((e) => e.resource)
      .find((r) => r.resourceType === 'Slot' && Date.parse(r.start) === Date.parse(start));
  }

  /** INT_R03: the vendor's report to the SAS, with its vendor token. */
  private async report(site: VendorSite, method: 'POST' | 'PUT', facts: VendorBookingFacts, expected: number) {
    const token = await this.token(`vendor-${site.id}`, () =>
      signDevelopmentToken({ role: 'vendor', vendorId: site.id, subject: `vendor:${site.id}`, ttlSeconds: 24 * 3600 }),
    );
    const url =
      method === 'POST'
        ? `${this.urls.scheduling}/fhir/Appointment`
        : `${this.urls.scheduling}/fhir/Appointment?identifier=${encodeURIComponent(`${SIMULATED_VENDOR_APPOINTMENT_SYSTEM}|${facts.identifier}`)}`;
    const answer = await call<{ id: string }>(method, url, token, vendorAppointment(facts), 6, 'application/fhir+json');
    if (answer.status !== expected) throw new ApiError(answer.status, answer.body, `${method} /fhir/Appointment from ${site.id}`);
    this.counts.reportedToSas++;
    return answer.body;
  }

  /** One of the regulators' accounts at the vendors, in turn. */
  private async vendorAccount(): Promise<{ account: string; regulator: string }> {
    const account = `simulated-vendor-account-${this.nextAccount++ % VENDOR_ACCOUNTS}`;
    const regulator = await this.token(account, () =>
      signDevelopmentToken({
        role: 'regulator',
        regulatorFunction: 'snp-operator',
        territories: [...this.territories],
        subject: account,
        ttlSeconds: 24 * 3600,
      }),
    );
    return { account, regulator };
  }

  private token(key: string, mint: () => Promise<string>): Promise<string> {
    if (!this.tokens.has(key)) this.tokens.set(key, mint());
    return this.tokens.get(key)!;
  }
}

/**
 * After an orientation step: when orientation handed the case over to a vendor
 * (`awaiting-vendor-confirmation`), the regulator books at the vendor. Undefined for a slot
 * of our own agendas (booked by the step itself); `taken` when the vendor's agenda no longer
 * has it (the regulator then searches again, as after a 409).
 */
export async function bookHandedOver(
  vendors: VendorDesk | undefined,
  chosen: { practitioner?: Owner; start: string },
  answer: Record<string, unknown>,
): Promise<{ appointmentId: string; followUp: VendorFollowUp } | 'taken' | undefined> {
  if (answer.state !== 'awaiting-vendor-confirmation') return undefined;
  if (!vendors) throw new Error(`handed over to a vendor (${String(answer.handOverUrl)}) but the simulation plays no vendor`);
  const booked = await vendors.book(chosen, String(answer.handOverUrl));
  if (booked === 'taken') return 'taken';
  return { appointmentId: booked.appointmentId, followUp: (fate) => vendors.followUp(booked.trail, fate) };
}
