import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@sas/platform';
import { checkDepartementCode, CreateRegulatorDto } from './regulator.dto';
import { RegulatorsService } from './regulators.service';

@ApiTags('regulators')
@Controller('regulators')
export class RegulatorsController {
  constructor(private readonly regulators: RegulatorsService) {}

  @Post()
  create(@Body() dto: CreateRegulatorDto) {
    return this.regulators.create(dto);
  }

  @Get()
  list(@Query('territory') territory?: string) {
    if (territory !== undefined && checkDepartementCode(territory)) throw InvalidInput.field('territory', checkDepartementCode(territory)!);
    return this.regulators.list(territory);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.regulators.get(id);
  }

  /** Takes effect on the next request the account makes. */
  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.regulators.setActive(id, false);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.regulators.setActive(id, true);
  }
}
