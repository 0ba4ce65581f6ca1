import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Forbidden, InvalidInput } from '@sas/platform';
import { checkDepartementCode } from '../regulators/regulator.dto';
import { HUB_MESSAGE_STATES, HubLedger, HubMessageState } from './hub-ledger';

const LIMIT = 500;

/** The delivery ledger of the Hub Santé link: admins see every territory, supervisors their own. */
@ApiTags('hub')
@ApiBearerAuth()
@Controller('hub')
export class HubController {
  constructor(private readonly ledger: HubLedger) {}

  /** The latest messages (at most 500), newest first. */
  @Get('messages')
  @Roles('admin', 'regulator')
  async messages(@CurrentPrincipal() reader: Principal, @Query('state') state?: string, @Query('territory') territory?: string) {
    if (state !== undefined && !(HUB_MESSAGE_STATES as readonly string[]).includes(state)) {
      throw InvalidInput.field('state', `must be one of ${HUB_MESSAGE_STATES.join(', ')}`);
    }
    if (territory !== undefined && checkDepartementCode(territory))
      throw InvalidInput.field('territory', checkDepartementCode(territory)!);
    let territories: string[] | undefined;
    if (reader.role === 'regulator') {
      if (reader.regulatorFunction !== 'supervisor') throw new Forbidden('only supervisors and admins read the Hub Santé ledger');
      if (territory && !reader.territories.includes(territory))
        throw new Forbidden(`you do not supervise territory ${territory}`);
      territories = reader.territories;
    }
    const rows = await this.ledger.list({ state: state as HubMessageState | undefined, territory, territories }, LIMIT);
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}
