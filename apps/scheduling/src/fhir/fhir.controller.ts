import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@sas/platform';
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
@Controller('fhir')
@UseFilters(FhirExceptionFilter)
export class FhirController {
  constructor(
    private readonly search: FhirSlotSearchService,
    private readonly vendors: VendorSyncService,
  ) {}

  /** `GET /fhir/Slot?start=ge…&start=le…&status=free&schedule.actor:Practitioner.identifier=…` */
  @Get('Slot')
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
   * A vendor's Bundle of slots for the practitioners it covers (header `x-sas-vendor`
   * names the vendor until tokens do): slots are upserted, busy ones leave the free list,
   * and the vendor's free slots missing from the Bundle are withdrawn.
   */
  @Post()
  @HttpCode(200)
  async receiveBundle(@Body() bundle: unknown, @Headers('x-sas-vendor') vendor: string | undefined, @Res() res: Response) {
    if (!vendor || !/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(vendor)) throw InvalidInput.field('x-sas-vendor', 'the vendor id header is required');
    const parsed = parseVendorBundle(bundle);
    if (!parsed.ok) throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression, reason: i.diagnostics })));
    const summary = await this.vendors.sync(vendor, parsed.slots);
    res.status(200).type(FHIR_JSON).send(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'information', code: 'informational', diagnostics: JSON.stringify(summary) }],
      }),
    );
  }
}
