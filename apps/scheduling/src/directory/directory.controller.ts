import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actsAsPractice, CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { Forbidden, UuidParamPipe } from '@sas/platform';
import { AgendaAccess } from '../access/agenda-access';
import { actsFor } from '../access/ownership';
import { DirectoryService } from './directory.service';
import { CreatePlaceDto } from './place.dto';
import { CreatePractitionerDto } from './practitioner.dto';
import { CreateStructureDto } from './structure.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly access: AgendaAccess,
  ) {}

  @Post('practitioners')
  @Roles(...PRACTICE_SIDE, 'admin')
  registerPractitioner(@Body() dto: CreatePractitionerDto, @CurrentPrincipal() caller: Principal) {
    if (
      actsAsPractice(caller) &&
      !actsFor(
        caller,
        [dto.rpps, dto.adeli].filter((id): id is string => !!id),
      )
    ) {
      throw new Forbidden('a practice registers only the practitioners its token names');
    }
    return this.directory.registerPractitioner(dto);
  }

  @Get('practitioners/:id')
  @Roles(...PRACTICE_SIDE, 'regulator', 'admin')
  async practitioner(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    const practitioner = await this.directory.practitioner(id);
    await this.access.entity(caller, { practitionerId: id }, `practitioner ${id}`);
    return practitioner;
  }

  @Post('structures')
  @Roles(...PRACTICE_SIDE, 'admin')
  registerStructure(@Body() dto: CreateStructureDto, @CurrentPrincipal() caller: Principal) {
    if (
      actsAsPractice(caller) &&
      !actsFor(
        caller,
        [dto.siret, dto.finess].filter((id): id is string => !!id),
      )
    ) {
      throw new Forbidden('a practice registers only the structures its token names');
    }
    return this.directory.registerStructure(dto);
  }

  @Get('structures/:id')
  @Roles(...PRACTICE_SIDE, 'regulator', 'admin')
  async structure(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    const structure = await this.directory.structure(id);
    await this.access.entity(caller, { structureId: id }, `structure ${id}`);
    return structure;
  }

  @Post('places')
  @Roles(...PRACTICE_SIDE)
  async registerPlace(@Body() dto: CreatePlaceDto, @CurrentPrincipal() caller: Principal) {
    await this.access.newOwner(caller, { practitionerId: dto.practitionerId, structureId: dto.structureId }, 'the place');
    return this.directory.registerPlace(dto);
  }

  @Get('places/:id')
  @Roles(...PRACTICE_SIDE, 'regulator', 'admin')
  async place(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    const place = await this.directory.place(id);
    await this.access.place(caller, id);
    return place;
  }
}
