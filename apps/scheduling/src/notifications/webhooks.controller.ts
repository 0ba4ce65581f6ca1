import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { UuidParamPipe } from '@sas/platform';
import { DeliveryLogQueryDto, RegisterWebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/** Practices, structures and vendors register the endpoints their notices go to (docs/webhooks.md). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@Roles(...PRACTICE_SIDE, 'vendor')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** Registers an endpoint (201); the answer carries its signing secret, shown this once. */
  @Post()
  register(@CurrentPrincipal() owner: Principal, @Body() dto: RegisterWebhookDto) {
    return this.webhooks.register(owner, dto);
  }

  @Get()
  list(@CurrentPrincipal() owner: Principal) {
    return this.webhooks.list(owner);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() owner: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.webhooks.remove(owner, id);
  }

  @Get(':id/deliveries')
  deliveries(
    @CurrentPrincipal() owner: Principal,
    @Param('id', new UuidParamPipe()) id: string,
    @Query() query: DeliveryLogQueryDto,
  ) {
    return this.webhooks.deliveries(owner, id, query);
  }
}
