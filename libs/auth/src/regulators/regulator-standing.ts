import { Injectable } from '@nestjs/common';

/**
 * Which regulator accounts are deactivated, as orientation (which keeps the accounts)
 * announces them on its regulator topic (RegulatorStandingConsumer feeds it). The auth
 * guard asks it for every regulator's request, so a deactivated account's token,
 * although valid until it expires, is refused everywhere.
 */
@Injectable()
export class RegulatorStanding {
  /** Token subjects (national or local ids) of deactivated accounts. */
  private readonly deactivated = new Set<string>();

  isDeactivated(subject: string): boolean {
    return this.deactivated.has(subject);
  }

  apply(subjects: string[], active: boolean): void {
    for (const subject of subjects) {
      if (active) this.deactivated.delete(subject);
      else this.deactivated.add(subject);
    }
  }
}
