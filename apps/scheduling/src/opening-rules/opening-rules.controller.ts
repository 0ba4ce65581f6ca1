import { Body, Controller, Delete, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateOpeningRuleDto } from './opening-rule.dto';
import { OpeningRulesService } from './opening-rules.service';

@ApiTags('opening rules')
@Controller('opening-rules')
export class OpeningRulesController {
  constructor(private readonly rules: OpeningRulesService) {}

  /** Stores the rule and opens its slots up to the rolling horizon (14 days by default). */
  @Post()
  create(@Body() dto: CreateOpeningRuleDto) {
    return this.rules.create(dto);
  }

  /** Ends the rule and withdraws its future free slots. */
  @Delete(':id')
  deactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.rules.deactivate(id);
  }
}
