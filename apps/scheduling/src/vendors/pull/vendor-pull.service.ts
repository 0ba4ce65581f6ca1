import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { DataSource } from 'typeorm';
import { VendorSyncService } from '../../fhir/vendor-sync.service';
import { withdrawnRowsPayloads } from '../../slots/slot-events';
import { withdrawalReasonOf } from '../../slots/slot-transitions';
import { Vendor } from '../vendors.service';
import { CircuitBreaker } from './circuit-breaker';
import { runPaced, searchGapMs } from './cycle-pace';
import { fetchBundles } from './fetch-bundles';
import { PullQuery, pullQueries } from './pull-queries';
import { pullSettings } from './pull-settings';
import { CONFIRM_ASSOCIATIONS, CONFIRM_PRACTITIONERS, WITHDRAW_STALE } from './staleness-clock';
import { PullStatus, PullStatusBook } from './pull-status';
import { readPulledPages, readPulledSosPages } from './pulled-bundle';
import { VendorCallError, VendorCredentials } from './vendor-http';
import { VendorPullMetrics } from './vendor-pull.metrics';

/**
 * How a poll runs: a scheduled one spreads its searches (cycle-pace.ts) and stops starting
 * new ones when `signal` is aborted; one an admin asks for runs them at once.
 */
export interface PollOptions {
  paced?: boolean;
  signal?: AbortSignal;
}

/** What one poll of one vendor did. */
export interface CycleReport {
  requests: number;
  failedQueries: number;
  slotsReceived: number;
  withdrawnStale: number;
  skippedByBreaker: boolean;
}

interface VendorState {
  key: string;
  breaker: CircuitBreaker;
  credentials: VendorCredentials;
}

/**
 * One poll of one vendor: the guide's searches, 25 practitioners at a time under the
 * vendor's concurrency limit, every answer through the same vendor sync as a pushed Bundle,
 * scoped to the practitioners that answer is about. Then the staleness rule: slots of
 * practitioners the vendor has not confirmed for longer than the limit are withdrawn
 * (`vendor-unreachable`). Only the vendor's own slots are ever touched (`slot.vendor`).
 */
@Injectable()
export class VendorPullService {
  private readonly logger = new Logger(VendorPullService.name);
  private readonly settings = pullSettings();
  private readonly states = new Map<string, VendorState>();
  private readonly book = new PullStatusBook();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sync: VendorSyncService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly metrics: VendorPullMetrics,
  ) {}

  status(vendorId: string): PullStatus {
    return this.book.status(vendorId, this.states.get(vendorId)?.breaker.state ?? 'closed');
  }

  async poll(vendor: Vendor, now = new Date(), options: PollOptions = {}): Promise<CycleReport> {
    const endpoint = vendor.endpoint!;
    const state = this.stateOf(vendor);
    const report: CycleReport = { requests: 0, failedQueries: 0, slotsReceived: 0, withdrawnStale: 0, skippedByBreaker: false };
    const to = new Date(now.getTime() + this.settings.horizonHours * 3600_000);
    // SOS Médecins associations are asked by SIRET; a FINESS registration is not searchable there.
    const sirets = vendor.structureIds.filter((id) => /^\d{14}$/.test(id));
    const queries = pullQueries(endpoint.flows, vendor.practitionerRpps, sirets, now, to);
    if (!state.breaker.allow()) {
      report.skippedByBreaker = true;
    } else {
      let failed = false;
      const gapMs = options.paced
        ? searchGapMs(queries.length, endpoint.pollIntervalSeconds, { spreadMs: this.settings.cycleSpreadMs })
        : 0;
      const started = await runPaced(
        queries,
        endpoint.concurrency,
        gapMs,
        async (query) => {
          const ok = await this.pullOne(vendor, state, query, now, report);
          if (!ok) failed = true;
        },
        options.signal,
      );
      // A cycle cut short by a stop says nothing of the vendor: its breaker and clock stay as they were.
      const complete = started === queries.length;
      if (complete && failed) state.breaker.failure();
      else if (complete) state.breaker.success();
      if (complete && !failed)
        await this.db.query(`UPDATE scheduling.vendor SET last_confirmed_at = $2 WHERE id = $1`, [vendor.id, now]);
    }
    this.metrics.breaker.set({ vendor: vendor.id }, { closed: 0, 'half-open': 1, open: 2 }[state.breaker.state]);
    report.withdrawnStale = await this.withdrawStale(vendor.id, now);
    this.book.cycle(vendor.id, now, report, await this.recordHeld(vendor.id));
    return report;
  }

  /** One search: fetched, read, synced; false when the vendor did not give a usable answer. */
  private async pullOne(vendor: Vendor, state: VendorState, query: PullQuery, now: Date, report: CycleReport): Promise<boolean> {
    const endpoint = vendor.endpoint!;
    try {
      const pages = await fetchBundles(`${endpoint.baseUrl}${query.path}`, state.credentials, {
        timeoutMs: endpoint.timeoutMs,
        attempts: 3,
        baseBackoffMs: 200,
        maxRetryAfterMs: Math.min(30_000, endpoint.pollIntervalSeconds * 1000),
        maxPages: 1000,
        observe: (seconds, error) => {
          report.requests++;
          this.metrics.requests.inc({ vendor: vendor.id, flow: query.flow });
          this.metrics.latency.observe({ vendor: vendor.id }, seconds);
          if (error) this.metrics.errors.inc({ vendor: vendor.id, kind: error.kind });
          this.book.request(vendor.id, seconds, error?.kind);
        },
      });
      const sos = query.flow === 'SOS';
      const read = sos ? readPulledSosPages(pages, query.subjects) : readPulledPages(pages, query.subjects, query.flow);
      if (read.problems.length) {
        this.metrics.errors.inc({ vendor: vendor.id, kind: 'invalid-bundle' });
        this.book.error(vendor.id, 'invalid-bundle');
        this.logger.warn(`vendor ${vendor.id}: ${read.problems.length} slot(s) refused, first: ${read.problems[0]}`);
      }
      report.slotsReceived += read.slots.length;
      await this.sync.sync(vendor.id, read.slots, now, sos ? { sirets: read.confirmed } : { rpps: read.confirmed });
      await this.confirm(vendor.id, read.confirmed, now, sos);
      this.metrics.lastSuccess.set({ vendor: vendor.id }, now.getTime() / 1000);
      this.book.success(vendor.id, now);
      return read.problems.length === 0;
    } catch (error) {
      report.failedQueries++;
      const kind = error instanceof VendorCallError ? error.kind : 'sync';
      if (!(error instanceof VendorCallError)) {
        this.metrics.errors.inc({ vendor: vendor.id, kind });
        this.book.error(vendor.id, kind);
      }
      this.logger.warn(
        `vendor ${vendor.id} ${query.flow} search for ${query.subjects.length} subject(s) failed (${kind}): ${(error as Error).message}`,
      );
      return false;
    }
  }

  /** Starts the staleness clock afresh for the practitioners (or SOS associations) the vendor just answered for. */
  private async confirm(vendorId: string, subjects: string[], now: Date, associations: boolean): Promise<void> {
    if (!subjects.length) return;
    await this.db.query(associations ? CONFIRM_ASSOCIATIONS : CONFIRM_PRACTITIONERS, [vendorId, subjects, now]);
  }

  /** Withdraws (vendor-unreachable) the free future slots of practitioners and associations this vendor has not confirmed within the limit. */
  async withdrawStale(vendorId: string, now: Date): Promise<number> {
    const limit = new Date(now.getTime() - this.settings.staleAfterMs);
    const count = await this.relay.inTransaction(async (tx) => {
      const [rows]: [{ id: string; owner_id: string; practitioner_id: string | null; revision: number }[], number] =
        await tx.query(WITHDRAW_STALE, [vendorId, now, limit]);
      await this.outbox.appendMany(tx, SlotWithdrawn, withdrawnRowsPayloads(rows, withdrawalReasonOf('withdraw-unconfirmed')));
      return rows.length;
    });
    if (count) {
      this.logger.warn(`vendor ${vendorId}: ${count} slot(s) withdrawn, not confirmed for ${this.settings.staleAfterMs} ms`);
    }
    return count;
  }

  private async recordHeld(vendorId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM scheduling.slot WHERE vendor = $1 AND status = 'free' AND start_at > now()`,
      [vendorId],
    );
    this.metrics.held.set({ vendor: vendorId }, row.n);
    return row.n;
  }

  private stateOf(vendor: Vendor): VendorState {
    const key = JSON.stringify(vendor.endpoint);
    const known = this.states.get(vendor.id);
    if (known?.key === key) return known;
    // A changed registration starts afresh: new credentials, closed breaker.
    const state = {
      key,
      breaker: new CircuitBreaker(this.settings.breakerThreshold, this.settings.breakerCoolDownMs),
      credentials: new VendorCredentials(vendor.endpoint!.auth, vendor.endpoint!.timeoutMs),
    };
    this.states.set(vendor.id, state);
    return state;
  }
}
