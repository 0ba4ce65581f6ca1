import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLAIMS, CurrentPrincipal, Principal, Public, Roles } from '@sas/auth';
import { Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { Request, Response } from 'express';
import { VendorsService } from '../vendors/vendors.service';
import { capabilityStatement } from './capability-statement';
import { FhirExceptionFilter } from './fhir-exception.filter';
import { FhirSlotSearchService } from './fhir-slot-search.service';
import { FhirSosSearchService } from './fhir-sos-search.service';
import { informationOutcome } from './operation-outcome';
import { practitionerResource, scheduleResource, slotResource } from './resource-mappings';
import { parsePractitionerSearch, practitionerSearchset } from './practitioner-search';
import { sosScheduleResource } from './sos-resources';
import { FhirDirectoryService } from './fhir-directory.service';
import { toSearchsetBundle } from './slot-search-bundle';
import { parseSlotSearch } from './slot-search-params';
import { toSosBundle } from './sos-search-bundle';
import { parseSosSearch } from './sos-search-params';
import { isSosBundle, parseSosBundle } from './sos-vendor-bundle';
import { PUSHED_BUNDLE_TYPES, parseVendorBundle } from './vendor-bundle';
import { VendorSyncService } from './vendor-sync.service';

const FHIR_JSON = 'application/fhir+json';

/** The ANS SAS guide's slot exchange: search by practitioners, and vendor feeds in. */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller('fhir')
@UseFilters(FhirExceptionFilter)
export class FhirController {
  constructor(
    private readonly search: FhirSlotSearchService,
    private readonly sos: FhirSosSearchService,
    private readonly directory: FhirDirectoryService,
    private readonly vendors: VendorSyncService,
    private readonly registry: VendorsService,
  ) {}

  /** `GET /fhir/metadata`: the CapabilityStatement, public as FHIR expects. */
  @Get('metadata')
  @Public()
  metadata(@Req() req: Request, @Res() res: Response) {
    send(res, 200, capabilityStatement(baseUrl(req), { name: 'SAS scheduling', version: '0.1.0' }));
  }

  /** `GET /fhir/Slot?start=ge…&start=le…&status=free&schedule.actor:Practitioner.identifier=…` */
  @Get('Slot')
  @Roles('regulator', 'admin')
  async searchSlots(
    @Query() query: Record<string, string | string[]>,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const parsed = parseSlotSearch(query, { strict: strictHandling(prefer) });
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression ?? 'query', reason: i.diagnostics })));
    const { page, total } = await this.search.search(parsed.value);
    send(res, 200, toSearchsetBundle(page, total, parsed.value, baseUrl(req)));
  }

  /** `GET /fhir/Schedule?_revinclude=Slot:schedule&…&actor:Location.organization.identifier=…`: the SOS Médecins search. */
  @Get('Schedule')
  @Roles('regulator', 'admin')
  async searchSosSchedules(
    @Query() query: Record<string, string | string[]>,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const parsed = parseSosSearch(query, { strict: strictHandling(prefer) });
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression ?? 'query', reason: i.diagnostics })));
    const { page, total } = await this.sos.search(parsed.value);
    send(res, 200, toSosBundle(page, total, parsed.value, baseUrl(req)));
  }

  /** `GET /fhir/Schedule/:id`: a place of consultation (a practitioner's, or an SOS association's). */
  @Get('Schedule/:id')
  @Roles('regulator', 'admin')
  async readSchedule(@Param('id') id: string, @Res() res: Response) {
    const found = await this.directory.schedule(id);
    if (!found) throw new NotFound(`Schedule/${id} is not known`);
    send(res, 200, found.kind === 'ps' ? scheduleResource(found.view) : sosScheduleResource(found.place));
  }

  /** `GET /fhir/Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|<IDNPS>,…` */
  @Get('Practitioner')
  @Roles('regulator', 'admin')
  async searchPractitioners(@Query() query: Record<string, string | string[]>, @Req() req: Request, @Res() res: Response) {
    const parsed = parsePractitionerSearch(query);
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression ?? 'query', reason: i.diagnostics })));
    const self = `${baseUrl(req)}/Practitioner?${new URLSearchParams([['identifier', [query.identifier].flat().join(',')]]).toString()}`;
    send(res, 200, practitionerSearchset(await this.directory.practitioners(parsed.keys), self, baseUrl(req)));
  }

  /** `GET /fhir/Practitioner/:id` */
  @Get('Practitioner/:id')
  @Roles('regulator', 'admin')
  async readPractitioner(@Param('id') id: string, @Res() res: Response) {
    const practitioner = await this.directory.practitioner(id);
    if (!practitioner) throw new NotFound(`Practitioner/${id} is not known`);
    send(res, 200, practitionerResource({ practitioner }));
  }

  /** `GET /fhir/Slot/:id`: a slot still offered. */
  @Get('Slot/:id')
  @Roles('regulator', 'admin')
  async readSlot(@Param('id') id: string, @Res() res: Response) {
    const view = await this.search.read(id);
    if (!view) throw new NotFound(`Slot/${id} is not known or no longer free`);
    send(res, 200, slotResource(view));
  }

  /**
   * A vendor's Bundle of slots (the vendor named by its token, registered by an admin for
   * every practitioner — or, in the SOS Médecins shape, every association — of the Bundle,
   * else 403). A push covers every practitioner (or association) the vendor holds slots for:
   * slots are upserted, busy ones leave the free list, and every free slot of that kind of the
   * vendor the Bundle does not carry is withdrawn (an empty Bundle withdraws its practitioners').
   */
  @Post()
  @HttpCode(200)
  @Roles('vendor')
  async receiveBundle(@Body() bundle: unknown, @CurrentPrincipal() caller: Principal, @Res() res: Response) {
    const vendor = caller.vendorId;
    if (!vendor) throw new Forbidden(`the vendor token carries no ${CLAIMS.vendorId} claim`);
    const sos = isSosBundle(bundle);
    const parsed = sos ? parseSosBundle(bundle, PUSHED_BUNDLE_TYPES) : parseVendorBundle(bundle);
    const issues = 'ok' in parsed ? (parsed.ok ? [] : parsed.issues) : parsed.issues;
    if (issues.length) throw new InvalidInput(issues.map((i) => ({ field: i.expression ?? 'Bundle', reason: i.diagnostics })));
    const slots = 'slots' in parsed ? parsed.slots : [];
    const owners = sos ? slots.map((s) => s.structure!.siret) : slots.map((s) => s.practitioner!.rpps);
    const uncovered = sos
      ? await this.registry.uncoveredStructures(vendor, owners)
      : await this.registry.uncovered(vendor, owners);
    if (uncovered.length)
      throw new Forbidden(
        `vendor ${vendor} is not registered for ${sos ? 'SIRET' : 'RPPS'} ${uncovered.slice(0, 10).join(', ')}${uncovered.length > 10 ? '…' : ''}`,
      );
    const summary = await this.vendors.sync(vendor, slots, new Date(), { owners: sos ? 'structures' : 'practitioners' });
    send(res, 200, informationOutcome(JSON.stringify(summary)));
  }

  /** Any other FHIR read or search: not supported, said as an OperationOutcome rather than a bare 404. */
  @Get('*path')
  @Public()
  unsupported(@Req() req: Request) {
    throw new NotFound(`${req.method} ${req.path} is not supported by this FHIR endpoint (see /fhir/metadata)`);
  }
}

/** `Prefer: handling=strict`: unsupported parameters are refused instead of ignored. */
function strictHandling(prefer: string | undefined): boolean {
  return /handling\s*=\s*strict/i.test(prefer ?? '');
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}/fhir`;
}

function send(res: Response, status: number, body: object): void {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(body));
}
