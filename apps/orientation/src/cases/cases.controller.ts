import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AssessmentDto, CaseSearchDto, ListCasesQuery, OpenCaseDto, OrientationDto, TreatingDoctorAttemptDto, TriageDto } from './case.dto';
import { CasesService } from './cases.service';
import { OrientationService } from './orientation.service';

const ACTOR = 'x-sas-regulator';

/**
 * The regulators' case file. The acting regulator is named by the `x-sas-regulator`
 * header (the account id) until bearer tokens carry it.
 */
@ApiTags('cases')
@ApiHeader({ name: ACTOR, description: 'acting regulator account id', required: true })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly orientation: OrientationService,
  ) {}

  @Post()
  open(@Body() dto: OpenCaseDto, @Headers(ACTOR) actor?: string) {
    return this.cases.open(dto, actor);
  }

  @Get()
  list(@Query() query: ListCasesQuery, @Headers(ACTOR) actor?: string) {
    return this.cases.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string, @Headers(ACTOR) actor?: string) {
    return this.cases.get(id, actor);
  }

  /** The patient's name and phone, to call back (until erased after retention). */
  @Get(':id/contact')
  contact(@Param('id', new ParseUUIDPipe()) id: string, @Headers(ACTOR) actor?: string) {
    return this.cases.contact(id, actor);
  }

  @Post(':id/triage')
  @HttpCode(200)
  triage(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TriageDto, @Headers(ACTOR) actor?: string) {
    return this.cases.triage(id, dto, actor);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  assessment(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssessmentDto, @Headers(ACTOR) actor?: string) {
    return this.cases.assessment(id, dto, actor);
  }

  @Post(':id/treating-doctor-attempt')
  @HttpCode(200)
  treatingDoctorAttempt(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TreatingDoctorAttemptDto, @Headers(ACTOR) actor?: string) {
    return this.cases.treatingDoctorAttempt(id, dto, actor);
  }

  /** Free slots for this case from matching, with the case's criteria. */
  @Post(':id/search')
  @HttpCode(200)
  search(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CaseSearchDto, @Headers(ACTOR) actor?: string) {
    return this.orientation.search(id, dto, actor);
  }

  /** The orientation decision; books the slot when the outcome books one (409 if just taken). */
  @Post(':id/orientation')
  @HttpCode(200)
  orient(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: OrientationDto, @Headers(ACTOR) actor?: string) {
    return this.orientation.orient(id, dto, actor);
  }
}
