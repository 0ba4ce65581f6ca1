import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { OpeningRuleExpansionJob } from './opening-rule-expansion.job';
import { OpeningRulesController } from './opening-rules.controller';
import { OpeningRulesService } from './opening-rules.service';

@Module({
  imports: [DirectoryModule],
  controllers: [OpeningRulesController],
  providers: [OpeningRulesService, OpeningRuleExpansionJob],
})
export class OpeningRulesModule {}
