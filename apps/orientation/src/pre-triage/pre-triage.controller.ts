import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { REASON_CATEGORIES } from '@sas/contracts';
import { Forbidden, InvalidInput } from '@sas/platform';
import { checkDepartementCode } from '../regulators/regulator.dto';
import { PreTriageRuleDto } from './pre-triage.dto';
import { PreTriageService } from './pre-triage.service';

/** The coded reasons for a call and each territory's pre-triage protocol; admins edit the protocols. */
@ApiTags('pre-triage')
@ApiBearerAuth()
@Controller('pre-triage')
export class PreTriageController {
  constructor(private readonly preTriage: PreTriageService) {}

  @Get('reasons')
  @Roles('admin', 'regulator', 'bi')
  reasons() {
    return this.preTriage.reasons();
  }

  /** The protocol as it applies in the territory (regulators: of their territories). */
  @Get('protocols/:territory')
  @Roles('admin', 'regulator')
  protocol(@Param('territory') territory: string, @CurrentPrincipal() reader: Principal) {
    checkTerritory(territory);
    if (reader.role === 'regulator' && !reader.territories.includes(territory))
      throw new Forbidden(`you do not work for territory ${territory}`);
    return this.preTriage.protocol(territory);
  }

  @Put('protocols/:territory/:reason')
  @Roles('admin')
  setRule(
    @Param('territory') territory: string,
    @Param('reason') reason: string,
    @Body() dto: PreTriageRuleDto,
    @CurrentPrincipal() admin: Principal,
  ) {
    checkTerritory(territory);
    checkReason(reason);
    return this.preTriage.setRule(territory, reason, dto, admin);
  }

  @Delete('protocols/:territory/:reason')
  @Roles('admin')
  @HttpCode(204)
  async removeRule(@Param('territory') territory: string, @Param('reason') reason: string, @CurrentPrincipal() admin: Principal) {
    checkTerritory(territory);
    checkReason(reason);
    await this.preTriage.removeRule(territory, reason, admin);
  }
}

function checkTerritory(territory: string): void {
  const problem = checkDepartementCode(territory);
  if (problem) throw InvalidInput.field('territory', problem);
}

function checkReason(reason: string): void {
  if (!Object.hasOwn(REASON_CATEGORIES, reason))
    throw InvalidInput.field('reason', `${reason} is not a coded reason (GET /pre-triage/reasons lists them)`);
}
