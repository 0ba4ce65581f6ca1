import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLAIMS, CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { VendorsService } from '../vendors/vendors.service';
import { Forbidden, InvalidInput } from '@sas/platform';
import { Request, Response } from 'express';
import { FhirExceptionFilter } from './fhir-exception.filter';
import { FhirSlotSearchService } from './fhir-slot-search.service';
import { toSearchsetBundle } from './slot-search-bundle';
import { parseSlotSearch } from './slot-search-params';
import { parseVendorBundle } from './vendor-bundle';
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
    private readonly vendors: VendorSyncService,
    private readonly registry: VendorsService,
  ) {}

  /** `GET /fhir/Slot?start=ge…&start=le…&status=free&schedule.actor:Practitioner.identifier=…` */
  @Get('Slot')
  @Roles('regulator', 'admin')
  async searchSlots(@Query() query: Record<string, string | string[]>, @Req() req: Request, @Res() res: Response) {
    const parsed = parseSlotSearch(query);
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression, reason: i.diagnostics })));
    const base = `${req.protocol}://${req.get('host')}/fhir`;
    const bundle = toSearchsetBundle(await this.search.search(parsed.value), {
      baseUrl: base,
      selfUrl: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
      include: parsed.value.includeSchedule && parsed.value.includeActors,
    });
    res.status(200).type(FHIR_JSON).send(JSON.stringify(bundle));
  }

  /**
   * A vendor's Bundle of slots (the vendor named by its token, registered by an admin for
   * every practitioner of the Bundle, else 403): slots are upserted, busy ones leave the
   * free list, and the vendor's free slots missing from the Bundle are withdrawn.
   */
  @Post()
  @HttpCode(200)
  @Roles('vendor')
  async receiveBundle(@Body() bundle: unknown, @CurrentPrincipal() caller: Principal, @Res() res: Response) {
    const vendor = caller.vendorId;
    if (!vendor) throw new Forbidden(`the vendor token carries no ${CLAIMS.vendorId} claim`);
    const parsed = parseVendorBundle(bundle);
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression, reason: i.diagnostics })));
    const uncovered = await this.registry.uncovered(vendor, parsed.slots.map((s) => s.practitioner.rpps));
    if (uncovered.length) throw new Forbidden(`vendor ${vendor} is not registered for RPPS ${uncovered.slice(0, 10).join(', ')}${uncovered.length > 10 ? '…' : ''}`);
    const summary = await this.vendors.sync(vendor, parsed.slots);
    res.status(200).type(FHIR_JSON).send(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'information', code: 'informational', diagnostics: JSON.stringify(summary) }],
      }),
    );
  }
}
