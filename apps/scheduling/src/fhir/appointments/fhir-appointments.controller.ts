import { Body, Controller, Post, Put, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLAIMS, CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Forbidden, InvalidInput } from '@sas/platform';
import { Request, Response } from 'express';
import { FhirExceptionFilter } from '../fhir-exception.filter';
import { ReportResult, VendorAppointmentsService } from './vendor-appointments.service';

/**
 * INT_R03, the vendor's side of a hand-over: `POST [base]/Appointment` when booked,
 * conditional `PUT [base]/Appointment?identifier=…` when moved, cancelled, honoured or missed.
 * The vendor is the one its token names.
 */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller('fhir/Appointment')
@UseFilters(FhirExceptionFilter)
export class FhirAppointmentsController {
  constructor(private readonly appointments: VendorAppointmentsService) {}

  @Post()
  @Roles('vendor')
  async create(@Body() body: unknown, @CurrentPrincipal() caller: Principal, @Req() req: Request, @Res() res: Response) {
    answer(req, res, body, await this.appointments.report(vendorOf(caller), body, caller));
  }

  /** The guide writes the search parameter `Identifier`; FHIR's is `identifier`: both are read. */
  @Put()
  @Roles('vendor')
  async update(
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    checkCondition(query.identifier ?? query.Identifier, body);
    answer(req, res, body, await this.appointments.report(vendorOf(caller), body, caller));
  }
}

function vendorOf(caller: Principal): string {
  if (!caller.vendorId) throw new Forbidden(`the vendor token carries no ${CLAIMS.vendorId} claim`);
  return caller.vendorId;
}

/** The condition must name the resource's own identifier (`system|value`, or the value alone). */
function checkCondition(condition: unknown, body: unknown): void {
  if (typeof condition !== 'string' || !condition)
    throw InvalidInput.field('identifier', 'a conditional update names the appointment: ?identifier=<system>|<value>');
  const [system, value] = condition.includes('|')
    ? [condition.slice(0, condition.indexOf('|')), condition.slice(condition.indexOf('|') + 1)]
    : [undefined, condition];
  const own = (body as { identifier?: { system?: unknown; value?: unknown }[] } | null)?.identifier?.[0];
  if (!own) return; // the resource's own checks name what is missing
  if (own.value !== value || (system && own.system !== system))
    throw InvalidInput.field('identifier', 'the condition does not match Appointment.identifier[0]');
}

function answer(req: Request, res: Response, body: unknown, result: ReportResult): void {
  const location = `${req.protocol}://${req.get('host')}/fhir/Appointment/${result.appointmentId}`;
  res
    .status(result.created ? 201 : 200)
    .location(location)
    .type('application/fhir+json')
    .send(JSON.stringify({ ...(body as object), id: result.appointmentId }));
}
