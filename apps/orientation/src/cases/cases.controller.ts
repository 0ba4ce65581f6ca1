import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AssessmentDto,
  CaseSearchDto,
  ListCasesQuery,
  OpenCaseDto,
  OrientationDto,
  TreatingDoctorAttemptDto,
  TriageDto,
} from './case.dto';
import { CasesService } from './cases.service';
import { OrientationService } from './orientation.service';
import { UuidParamPipe } from '@sas/platform';

/**
 * The regulators' case file. The acting regulator is the bearer token's: its function and
 * territories decide what it may do, its account whether it still may (deactivation).
 */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('regulator')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly orientation: OrientationService,
  ) {}

  @Post()
  open(@Body() dto: OpenCaseDto, @CurrentPrincipal() actor: Principal) {
    return this.cases.open(dto, actor);
  }

  @Get()
  list(@Query() query: ListCasesQuery, @CurrentPrincipal() actor: Principal) {
    return this.cases.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.cases.get(id, actor);
  }

  /** The patient's name and phone, to call back (until erased after retention). */
  @Get(':id/contact')
  contact(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.cases.contact(id, actor);
  }

  @Post(':id/triage')
  @HttpCode(200)
  triage(@Param('id', new UuidParamPipe()) id: string, @Body() dto: TriageDto, @CurrentPrincipal() actor: Principal) {
    return this.cases.triage(id, dto, actor);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  assessment(@Param('id', new UuidParamPipe()) id: string, @Body() dto: AssessmentDto, @CurrentPrincipal() actor: Principal) {
    return this.cases.assessment(id, dto, actor);
  }

  @Post(':id/treating-doctor-attempt')
  @HttpCode(200)
  treatingDoctorAttempt(
    @Param('id', new UuidParamPipe()) id: string,
    @Body() dto: TreatingDoctorAttemptDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return this.cases.treatingDoctorAttempt(id, dto, actor);
  }

  /** Free slots for this case from matching, with the case's criteria. */
  @Post(':id/search')
  @HttpCode(200)
  search(@Param('id', new UuidParamPipe()) id: string, @Body() dto: CaseSearchDto, @CurrentPrincipal() actor: Principal) {
    return this.orientation.search(id, dto, actor);
  }

  /** The orientation decision; books the slot when the outcome books one (409 if just taken). */
  @Post(':id/orientation')
  @HttpCode(200)
  orient(@Param('id', new UuidParamPipe()) id: string, @Body() dto: OrientationDto, @CurrentPrincipal() actor: Principal) {
    return this.orientation.orient(id, dto, actor);
  }
}
