import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IndicatorsUpdated } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { IntervalJob } from '@sas/platform';
import { PUBLICATION_SETTINGS } from '../settings';
import { addDays, utcToParisLocal } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { FiguresService } from '../figures/figures.service';

const DAYS_BACK = 7;

/**
 * Publishes `indicators-updated` for each territory and closed day (Europe/Paris), and
 * publishes again when late events change a day already published (a correction: the
 * latest event for a territory and day is the truth). Looks back a week.
 */
@Injectable()
export class DailyPublicationJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly figures: FiguresService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {
    super(PUBLICATION_SETTINGS, 'INDICATORS_PUBLICATION_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    await this.publishClosedDays();
  }

  /** Returns how many (territory, day) figures were published. */
  async publishClosedDays(now = new Date()): Promise<number> {
    const today = utcToParisLocal(now).date;
    const rows = await this.figures.compute({
      from: addDays(today, -DAYS_BACK),
      to: addDays(today, -1),
      granularity: 'day',
      groupBy: 'territory',
    });
    let published = 0;
    for (const { period: day, territory, ...all } of rows) {
      const figures = Object.fromEntries(Object.entries(all).filter((e): e is [string, number] => typeof e[1] === 'number'));
      const changed = await this.relay.inTransaction(async (tx) => {
        const [known] = await tx.query(
          `SELECT figures FROM indicators.day_publication WHERE territory = $1 AND day = $2 FOR UPDATE`,
          [territory, day],
        );
        if (known && sameFigures(known.figures, figures)) return false;
        await tx.query(
          `INSERT INTO indicators.day_publication (territory, day, figures, published_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (territory, day) DO UPDATE SET figures = excluded.figures, published_at = excluded.published_at`,
          [territory, day, JSON.stringify(figures), now],
        );
        await this.outbox.append(tx, IndicatorsUpdated, { territory: String(territory), day, figures });
        return true;
      });
      if (changed) published++;
    }
    return published;
  }
}

function sameFigures(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
