import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { UuidParamPipe } from '@sas/platform';
import { AgendaAccess } from '../access/agenda-access';
import { DirectoryUpdatesService } from './directory-updates.service';
import { DirectoryService } from './directory.service';
import { UpdatePlaceDto } from './place.dto';
import { UpdatePractitionerDto } from './practitioner.dto';
import { RetirementService } from './retirement.service';
import { UpdateStructureDto } from './structure.dto';

/** Keeping the directory current: the owner (or an admin) changes or retires its records. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryLifecycleController {
  constructor(
    private readonly updates: DirectoryUpdatesService,
    private readonly retirements: RetirementService,
    private readonly access: AgendaAccess,
    private readonly directory: DirectoryService,
  ) {}

  @Patch('practitioners/:id')
  @Roles(...PRACTICE_SIDE, 'admin')
  async updatePractitioner(
    @Param('id', new UuidParamPipe()) id: string,
    @Body() dto: UpdatePractitionerDto,
    @CurrentPrincipal() caller: Principal,
  ) {
    await this.directory.practitioner(id);
    await this.access.entity(caller, { practitionerId: id }, `practitioner ${id}`);
    return this.updates.updatePractitioner(id, dto);
  }

  @Post('practitioners/:id/retire')
  @Roles(...PRACTICE_SIDE, 'admin')
  @HttpCode(200)
  async retirePractitioner(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.directory.practitioner(id);
    await this.access.entity(caller, { practitionerId: id }, `practitioner ${id}`);
    return this.retirements.retirePractitioner(id);
  }

  @Patch('structures/:id')
  @Roles(...PRACTICE_SIDE, 'admin')
  async updateStructure(
    @Param('id', new UuidParamPipe()) id: string,
    @Body() dto: UpdateStructureDto,
    @CurrentPrincipal() caller: Principal,
  ) {
    await this.directory.structure(id);
    await this.access.entity(caller, { structureId: id }, `structure ${id}`);
    return this.updates.updateStructure(id, dto);
  }

  @Patch('places/:id')
  @Roles(...PRACTICE_SIDE, 'admin')
  async updatePlace(
    @Param('id', new UuidParamPipe()) id: string,
    @Body() dto: UpdatePlaceDto,
    @CurrentPrincipal() caller: Principal,
  ) {
    await this.access.place(caller, id);
    return this.updates.updatePlace(id, dto);
  }

  @Post('places/:id/retire')
  @Roles(...PRACTICE_SIDE, 'admin')
  @HttpCode(200)
  async retirePlace(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.place(caller, id);
    return this.retirements.retirePlace(id);
  }
}
