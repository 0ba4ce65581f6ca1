import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Forbidden, InvalidInput, UuidParamPipe } from '@sas/platform';
import { checkDepartementCode, CreateRegulatorDto, RegulatorIdentityDto } from './regulator.dto';
import { RegulatorsService } from './regulators.service';

/** Regulator accounts: admins manage them; supervisors list and read those of their territories and record their holders' names. */
@ApiTags('regulators')
@ApiBearerAuth()
@Controller('regulators')
export class RegulatorsController {
  constructor(private readonly regulators: RegulatorsService) {}

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateRegulatorDto, @CurrentPrincipal() admin: Principal) {
    return this.regulators.create(dto, admin);
  }

  @Get()
  @Roles('admin', 'regulator')
  list(@CurrentPrincipal() reader: Principal, @Query('territory') territory?: string) {
    if (territory !== undefined && checkDepartementCode(territory))
      throw InvalidInput.field('territory', checkDepartementCode(territory)!);
    if (reader.role === 'regulator') {
      supervisorOnly(reader);
      if (!territory) throw InvalidInput.field('territory', 'a supervisor lists the accounts of one of its territories');
      if (!reader.territories.includes(territory)) throw new Forbidden(`you do not supervise territory ${territory}`);
    }
    return this.regulators.list(territory);
  }

  @Get(':id')
  @Roles('admin', 'regulator')
  async get(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    const regulator = await this.regulators.get(id);
    if (reader.role === 'regulator') {
      supervisorOnly(reader);
      if (!regulator.territories.some((t) => reader.territories.includes(t)))
        throw new Forbidden(`regulator ${id} works in none of your territories`);
    }
    return regulator;
  }

  /** The holder's names and e-mail, sent to the SAMU with the account's orientations (Hub Santé). */
  @Put(':id/identity')
  @Roles('admin', 'regulator')
  async setIdentity(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RegulatorIdentityDto,
    @CurrentPrincipal() by: Principal,
  ) {
    if (by.role === 'regulator') {
      supervisorOnly(by);
      const regulator = await this.regulators.get(id);
      if (!regulator.territories.some((t) => by.territories.includes(t)))
        throw new Forbidden(`regulator ${id} works in none of your territories`);
    }
    return this.regulators.setIdentity(id, dto, by);
  }

  /** Takes effect on the next request the account makes. */
  @Post(':id/deactivate')
  @Roles('admin')
  @HttpCode(200)
  deactivate(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() admin: Principal) {
    return this.regulators.setActive(id, false, admin);
  }

  @Post(':id/reactivate')
  @Roles('admin')
  @HttpCode(200)
  reactivate(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() admin: Principal) {
    return this.regulators.setActive(id, true, admin);
  }
}

function supervisorOnly(reader: Principal): void {
  if (reader.regulatorFunction !== 'supervisor') throw new Forbidden('only supervisors and admins read regulator accounts');
}
