import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventConsumer, EventConsumers } from '@sas/messaging';
import { Roles } from '../access-metadata';
import { NotFound } from '../errors/domain-error';

/**
 * Operators pause a service's consumers (maintenance, a slow dependency) and resume them;
 * a paused consumer keeps its place, and its lag keeps growing in /metrics.
 */
@ApiTags('operations')
@Controller('consumers')
export class ConsumersController {
  constructor(private readonly consumers: EventConsumers) {}

  @Get()
  @Roles('admin')
  list() {
    return this.consumers.all.map(view);
  }

  @Post('pause')
  @Roles('admin')
  @HttpCode(200)
  pause(@Query('group') group?: string) {
    return this.chosen(group).map((c) => (c.pause(), view(c)));
  }

  @Post('resume')
  @Roles('admin')
  @HttpCode(200)
  resume(@Query('group') group?: string) {
    return this.chosen(group).map((c) => (c.resume(), view(c)));
  }

  private chosen(group?: string): EventConsumer[] {
    const consumers = this.consumers.all.filter((c) => !group || c.groupId === group);
    if (group && consumers.length === 0) throw new NotFound(`no consumer group ${group} in this service`);
    return consumers;
  }
}

function view(c: EventConsumer) {
  return { group: c.groupId, topics: c.topics, paused: c.paused, ...c.stats, restartsAfterCrash: c.restartsAfterCrash };
}
