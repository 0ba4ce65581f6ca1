import { Body, Controller, Delete, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AGENDA_READERS, CurrentPrincipal, Principal, Public, Roles } from '@sas/auth';
import { NotFound, UuidParamPipe } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { Request, Response } from 'express';
import { CreateAgendaFeedDto } from './agenda-feed.dto';
import { AgendaFeedsService } from './agenda-feeds.service';
import { calendarAnswer } from './agenda.controller';
import { AGENDA_SETTINGS } from '../settings';

/** Secret calendar feeds: created, listed and revoked with a token; read by calendar tools with the secret URL alone. */
@ApiTags('agenda')
@Controller('agenda')
export class AgendaFeedsController {
  private readonly baseUrl = readSettings(AGENDA_SETTINGS).AGENDA_FEED_BASE_URL;

  constructor(private readonly feeds: AgendaFeedsService) {}

  /** The URL is shown once: only the secret's hash is kept. */
  @Post('feeds')
  @ApiBearerAuth()
  @Roles(...AGENDA_READERS)
  async create(@Body() dto: CreateAgendaFeedDto, @CurrentPrincipal() owner: Principal, @Req() req: Request) {
    const feed = await this.feeds.create(owner, dto);
    return { ...feed, url: `${this.baseUrl ?? `${req.protocol}://${req.get('host')}`}${feed.path}` };
  }

  @Get('feeds')
  @ApiBearerAuth()
  @Roles(...AGENDA_READERS)
  list(@CurrentPrincipal() owner: Principal) {
    return this.feeds.list(owner);
  }

  @Delete('feeds/:id')
  @ApiBearerAuth()
  @Roles(...AGENDA_READERS)
  revoke(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() owner: Principal) {
    return this.feeds.revoke(owner, id);
  }

  @Get('calendar/:file')
  @Public()
  @ApiProduces('text/calendar')
  async calendar(@Param('file') file: string, @Res({ passthrough: true }) res: Response) {
    const secret = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file)?.[1];
    if (!secret) throw new NotFound('no such calendar feed (unknown or revoked)');
    const { body, total } = await this.feeds.calendar(secret);
    // The URL is the credential: no shared cache keeps a copy.
    res.setHeader('cache-control', 'private, no-store');
    return calendarAnswer(res, total, body);
  }
}
