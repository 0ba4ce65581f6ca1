import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotFound } from '@sas/platform';
import { setMaxListeners } from 'node:events';
import { VendorsService } from '../vendors.service';
import { pullSettings } from './pull-settings';
import { CycleReport, VendorPullService } from './vendor-pull.service';

const TICK_MS = 1000;

/**
 * Polls each pulled vendor on its own clock: a vendor whose cycle is slow (timeouts,
 * Retry-After) delays only its own next cycle, never another vendor's, and nothing here
 * sits on the regulators' search path.
 */
@Injectable()
export class VendorPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VendorPoller.name);
  private readonly running = new Map<string, Promise<CycleReport>>();
  private readonly lastStart = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  /** Aborted at shutdown: a scheduled cycle spread over its window starts no further search. */
  private readonly stopping = new AbortController();
  private ticking = false;

  constructor(
    private readonly vendors: VendorsService,
    private readonly pull: VendorPullService,
  ) {
    // Every paced search waiting for its turn listens to the one signal: vendors × concurrency, no leak.
    setMaxListeners(0, this.stopping.signal);
  }

  onApplicationBootstrap(): void {
    if (!pullSettings().enabled) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await Promise.allSettled(this.running.values());
  }

  /** Runs one cycle for the vendor now (after the one in progress, if any) and reports it. */
  async pollNow(vendorId: string): Promise<CycleReport> {
    await this.running.get(vendorId)?.catch(() => undefined);
    const vendor = await this.vendors.get(vendorId);
    if (!vendor.endpoint) throw new NotFound(`vendor ${vendorId} has no endpoint to pull from`);
    return this.start(vendor.id, () => this.pull.poll(vendor));
  }

  isPolling(vendorId: string): boolean {
    return this.running.has(vendorId);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      for (const vendor of await this.vendors.pulled()) {
        if (this.running.has(vendor.id)) continue;
        if (now - (this.lastStart.get(vendor.id) ?? 0) < vendor.endpoint!.pollIntervalSeconds * 1000) continue;
        // Scheduled cycles are paced (cycle-pace.ts); an admin's poll-now is not.
        void this.start(vendor.id, () => this.pull.poll(vendor, new Date(), { paced: true, signal: this.stopping.signal })).catch(
          (error) => this.logger.warn(`vendor ${vendor.id} poll failed: ${(error as Error).message}`),
        );
      }
    } catch (error) {
      this.logger.warn(`vendor registry not readable: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private start(vendorId: string, cycle: () => Promise<CycleReport>): Promise<CycleReport> {
    this.lastStart.set(vendorId, Date.now());
    const run = cycle().finally(() => this.running.delete(vendorId));
    this.running.set(vendorId, run);
    return run;
  }
}
