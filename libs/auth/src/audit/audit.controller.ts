import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { InvalidInput, IsInstantWithOffset } from '@sas/platform';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CurrentPrincipal, Roles } from '../decorators';
import { Principal } from '../principal';
import { AuditTrail } from './audit-trail';

export class AuditQueryDto {
  @IsOptional() @IsInstantWithOffset() from?: string;
  @IsOptional() @IsInstantWithOffset() to?: string;
  @IsOptional() @IsString() @Matches(/^[a-z-]{1,64}$/) action?: string;
  @IsOptional() @IsString() @Length(1, 200) actorId?: string;
  @IsOptional() @IsString() @Length(1, 200) targetId?: string;
  @IsOptional() @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'territory must be a département code' }) territory?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

/** GET /audit: the service's audit trail, newest first, for admins and supervisors. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Roles('admin', 'regulator')
  read(@CurrentPrincipal() reader: Principal, @Query() query: AuditQueryDto) {
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to))
      throw InvalidInput.field('to', 'to must not be before from');
    return this.trail.read(reader, query);
  }
}
