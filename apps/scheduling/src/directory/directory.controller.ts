import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DirectoryService } from './directory.service';
import { CreatePlaceDto } from './place.dto';
import { CreatePractitionerDto } from './practitioner.dto';
import { CreateStructureDto } from './structure.dto';

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('practitioners')
  registerPractitioner(@Body() dto: CreatePractitionerDto) {
    return this.directory.registerPractitioner(dto);
  }

  @Get('practitioners/:id')
  practitioner(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.directory.practitioner(id);
  }

  @Post('structures')
  registerStructure(@Body() dto: CreateStructureDto) {
    return this.directory.registerStructure(dto);
  }

  @Get('structures/:id')
  structure(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.directory.structure(id);
  }

  @Post('places')
  registerPlace(@Body() dto: CreatePlaceDto) {
    return this.directory.registerPlace(dto);
  }

  @Get('places/:id')
  place(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.directory.place(id);
  }
}
