import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { CPTS_ID } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';
import { CptsFiguresQueryDto, RegisterCptsDto } from './cpts.dto';
import { CptsService } from './cpts.service';

const checkedId = (id: string) => {
  if (!CPTS_ID.test(id)) throw InvalidInput.field('id', 'a CPTS id is 2 to 64 letters, digits, dots, dashes or underscores');
  return id;
};

/** CPTS as organisations: an admin registers one (members, perimeter); its coordinators read it and its figures. */
@ApiTags('cpts')
@ApiBearerAuth()
@Controller('cpts')
export class CptsController {
  constructor(private readonly cpts: CptsService) {}

  @Put(':id')
  @Roles('admin')
  register(@Param('id') id: string, @Body() dto: RegisterCptsDto, @CurrentPrincipal() admin: Principal) {
    return this.cpts.register(admin, checkedId(id), dto);
  }

  @Get(':id')
  @Roles('admin', 'cpts-coordinator')
  get(@Param('id') id: string, @CurrentPrincipal() reader: Principal) {
    return this.cpts.get(reader, checkedId(id));
  }

  /** Per member, over slots starting in [from, to): published, free, booked by the SAS or elsewhere, outcomes. */
  @Get(':id/figures')
  @Roles('admin', 'cpts-coordinator')
  figures(@Param('id') id: string, @Query() query: CptsFiguresQueryDto, @CurrentPrincipal() reader: Principal) {
    return this.cpts.figures(reader, checkedId(id), query.from, query.to);
  }
}
