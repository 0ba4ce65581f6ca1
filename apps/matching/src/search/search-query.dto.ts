import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class SearchQueryDto {
  @IsOptional() @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'commune must be an INSEE commune code' }) commune?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' }) to?: string;
  @IsOptional() @IsIn(['AMB', 'HH', 'VR']) mode?: 'AMB' | 'HH' | 'VR';
  @IsOptional() @IsString() specialty?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
