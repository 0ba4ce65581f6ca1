import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sas/auth';
import { VendorPoller } from './vendor-poller';

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('vendors')
export class VendorPollController {
  constructor(private readonly poller: VendorPoller) {}

  /** Polls the vendor now instead of at its next tick (after a registration, or to check a fix), and says what the cycle did. */
  @Post(':id/poll')
  @HttpCode(200)
  @Roles('admin')
  poll(@Param('id') id: string) {
    return this.poller.pollNow(id);
  }
}
