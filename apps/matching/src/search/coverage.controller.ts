import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sas/auth';
import { Matches } from 'class-validator';
import { CoverageService } from './coverage.service';

class CoverageQuery {
  @ApiProperty({ example: '92' })
  @Matches(/^(\d{2}|2[AB]|97\d)$/, { message: 'departement must be a département code' })
  departement!: string;
}

@ApiTags('coverage')
@Controller('coverage')
export class CoverageController {
  constructor(private readonly coverages: CoverageService) {}

  /** Free SNP slots and participating practitioners of the search window per commune of a département, also per 10,000 inhabitants. */
  @Get()
  @Roles('regulator', 'bi', 'admin')
  coverage(@Query() query: CoverageQuery) {
    return this.coverages.coverage(query.departement);
  }
}
