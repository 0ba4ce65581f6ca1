import { Injectable } from '@nestjs/common';
import { IntervalJob } from '@sas/platform';
import { ServiceSettings } from '@sas/settings';
import { HubLedger } from './hub-ledger';
import { HUB_SANTE_SETTINGS } from './hub-settings';

/**
 * Prunes the Hub Santé ledger: the messages of an appointment whose last change is older than
 * HUB_SANTE_LEDGER_RETENTION_DAYS and that has nothing left to send or to hear back about.
 * The messages name the practitioner and the regulator who booked: they are kept for the
 * operators' follow-up (`GET /hub/messages`), not for ever. Runs whether the link is on or
 * off, as a ledger written while it was on outlives a switch-off.
 */
@Injectable()
export class HubLedgerPruningJob extends IntervalJob {
  private readonly retentionMs: number;

  constructor(
    private readonly ledger: HubLedger,
    settings: ServiceSettings,
  ) {
    super(HUB_SANTE_SETTINGS, 'HUB_SANTE_LEDGER_PRUNE_INTERVAL_MS');
    this.retentionMs = settings.of(HUB_SANTE_SETTINGS).HUB_SANTE_LEDGER_RETENTION_DAYS * 86400_000;
  }

  protected async run(): Promise<void> {
    const pruned = await this.pruneDue();
    if (pruned) this.logger.log({ msg: 'settled Hub Santé messages pruned after retention', messages: pruned });
  }

  /** Prunes what is due at `now`; returns how many messages were deleted. */
  pruneDue(now = new Date()): Promise<number> {
    return this.ledger.pruneSettled(new Date(now.getTime() - this.retentionMs));
  }
}
