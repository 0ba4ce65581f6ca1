import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { AgendaAccess } from '../access/agenda-access';
import { CreateOpeningRuleDto } from './opening-rule.dto';
import { OpeningRulesService } from './opening-rules.service';
import { UuidParamPipe } from '@sas/platform';

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

  /** Ends the rule and withdraws its future free slots. */
  @Delete(':id')
  @Roles(...PRACTICE_SIDE)
  async deactivate(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.rule(caller, id);
    return this.rules.deactivate(id);
  }
}
