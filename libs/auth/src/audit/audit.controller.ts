import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CurrentPrincipal, Roles } from '../decorators';
import { Principal } from '../principal';
import { AuditTrail } from './audit-trail';

export class AuditQueryDto {
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @IsString() @Matches(/^[a-z-]{1,64}$/) action?: string;
  @IsOptional() @IsString() actorId?: string;
  @IsOptional() @IsString() targetId?: string;
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
    return this.trail.read(reader, query);
  }
}

