import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RebuildService } from './rebuild.service';
import { Roles } from '@sas/auth';

@ApiTags('indicators')
@Controller('indicators')
export class RebuildController {
  constructor(private readonly rebuilds: RebuildService) {}

  /** Recomputes every figure from the topics; answers when the replay has caught up (409 if one is running). */
  @Post('rebuild')
  @Roles('admin')
  @HttpCode(200)
  rebuild() {
    return this.rebuilds.rebuild();
  }
}
