import { Injectable } from '@nestjs/common';
import { SEARCH_WINDOW_MS } from '@sas/contracts';
import { NotFound } from '@sas/platform';
import { communesOfDepartement, findDepartement } from '@sas/referentials';
import { SlotIndex } from '../index/slot-index';

/** What the index holds for a département: free SNP slots and participating practitioners per commune. */
@Injectable()
export class CoverageService {
  constructor(private readonly index: SlotIndex) {}

  /**
   * Free SNP slots and participating practitioners of the search window (48 h) in each commune of a
   * département, also per 10,000 inhabitants (populations from the official referential).
   */
  coverage(code: string, now = new Date()) {
    const departement = findDepartement(code);
    if (!departement) throw new NotFound(`no département ${code}`);
    const byCommune = new Map<string, { slots: number; owners: Set<string> }>();
    const owners = new Set<string>();
    this.index.forEach({ from: now, to: new Date(now.getTime() + SEARCH_WINDOW_MS) }, (slot) => {
      if (!slot.visibility.includes('SNP')) return;
      let entry = byCommune.get(slot.place.communeCode);
      if (!entry) byCommune.set(slot.place.communeCode, (entry = { slots: 0, owners: new Set<string>() }));
      entry.slots++;
      entry.owners.add(slot.ownerId);
      if (slot.place.communeCode.startsWith(departement.code)) owners.add(slot.ownerId);
    });
    const per10k = (n: number, population: number) => (population ? Math.round((n / population) * 10_000 * 100) / 100 : null);
    const communes = communesOfDepartement(departement.code).map((c) => {
      const entry = byCommune.get(c.code);
      const [free, practitioners] = [entry?.slots ?? 0, entry?.owners.size ?? 0];
      return {
        commune: c.code,
        name: c.name,
        population: c.population,
        freeSnpSlots: free,
        participatingPractitioners: practitioners,
        freeSnpSlotsPer10k: per10k(free, c.population),
        participatingPractitionersPer10k: per10k(practitioners, c.population),
      };
    });
    const population = communes.reduce((s, c) => s + c.population, 0);
    const free = communes.reduce((s, c) => s + c.freeSnpSlots, 0);
    return {
      departement: departement.code,
      name: departement.name,
      window: { from: now.toISOString(), to: new Date(now.getTime() + SEARCH_WINDOW_MS).toISOString() },
      population,
      freeSnpSlots: free,
      participatingPractitioners: owners.size,
      freeSnpSlotsPer10k: per10k(free, population),
      participatingPractitionersPer10k: per10k(owners.size, population),
      communes,
    };
  }
}
