import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@sas/platform';
import { communesOfDepartement, findDepartement } from '@sas/referentials';
import { Matches } from 'class-validator';
import { SlotIndex } from '../index/slot-index';
import { Roles } from '@sas/auth';

class CoverageQuery {
  @ApiProperty({ example: '92' }) @Matches(/^(\d{2}|2[AB]|97\d)$/, { message: 'departement must be a département code' }) departement!: string;
}

const HORIZON_MS = 48 * 3600_000;

@ApiTags('coverage')
@Controller('coverage')
export class CoverageController {
  constructor(private readonly index: SlotIndex) {}

  /**
   * Free SNP slots and participating practitioners of the next 48 h in each commune of a
   * département, also per 10,000 inhabitants (populations from the official referential).
   */
  @Get()
  @Roles('regulator', 'bi', 'admin')
  coverage(@Query() query: CoverageQuery) {
    const departement = findDepartement(query.departement);
    if (!departement) throw new NotFound(`no département ${query.departement}`);
    const now = new Date();
    const byCommune = new Map<string, { slots: number; owners: Set<string> }>();
    const owners = new Set<string>();
    this.index.forEach({ from: now, to: new Date(now.getTime() + HORIZON_MS) }, (slot) => {
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
      window: { from: now.toISOString(), to: new Date(now.getTime() + HORIZON_MS).toISOString() },
      population,
      freeSnpSlots: free,
      participatingPractitioners: owners.size,
      freeSnpSlotsPer10k: per10k(free, population),
      participatingPractitionersPer10k: per10k(owners.size, population),
      communes,
    };
  }
}
