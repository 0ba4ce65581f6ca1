import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { AgendaAccess } from '../access/agenda-access';
import { CreateOpeningRuleDto, PatchOpeningRuleDto, PlaceClosureDto } from './opening-rule.dto';
import { OpeningRulesService } from './opening-rules.service';
import { UuidParamPipe } from '@sas/platform';
import { exceptionOfDto } from './rule-of-dto';

@ApiTags('opening rules')
@ApiBearerAuth()
@Controller('opening-rules')
export class OpeningRulesController {
  constructor(
    private readonly rules: OpeningRulesService,
    private readonly access: AgendaAccess,
  ) {}

  /** Stores the rule and opens its slots up to the rolling horizon (14 days by default). */
  @Post()
  @Roles(...PRACTICE_SIDE)
  async create(@Body() dto: CreateOpeningRuleDto, @CurrentPrincipal() caller: Principal) {
    await this.access.owners(caller, [dto]);
    return this.rules.create(dto);
  }

  /** Closes a whole place for a date range: every active rule of the place gets the closure. */
  @Post('closures')
  @Roles(...PRACTICE_SIDE)
  async closePlace(@Body() dto: PlaceClosureDto, @CurrentPrincipal() caller: Principal) {
    await this.access.place(caller, dto.placeId);
    return this.rules.closePlace(dto.placeId, exceptionOfDto(dto));
  }

  /** Adds absences or closures to a rule; its future free slots they cover are withdrawn. */
  @Patch(':id')
  @Roles(...PRACTICE_SIDE)
  async addExceptions(
    @Param('id', new UuidParamPipe()) id: string,
    @Body() dto: PatchOpeningRuleDto,
    @CurrentPrincipal() caller: Principal,
  ) {
    await this.access.rule(caller, id);
    return this.rules.addExceptions(id, dto.addExceptions.map(exceptionOfDto));
  }

  /** Ends the rule and withdraws its future free slots. */
  @Delete(':id')
  @Roles(...PRACTICE_SIDE)
  async deactivate(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.rule(caller, id);
    return this.rules.deactivate(id);
  }
}
