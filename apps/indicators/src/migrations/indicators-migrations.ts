import { MESSAGING_MIGRATIONS } from '@sas/messaging';
import { EventCountTable1763800000002 } from './1763800000002-event-count-table';
import { IndicatorFacts1763800000003 } from './1763800000003-indicator-facts';
import { FactTimeIndexes1763800026000 } from './1763800026000-fact-time-indexes';
import { DailyRollups1764900000026 } from './1764900000026-daily-rollups';
import { TerritoryWholesAndDelayRollups1765200000026 } from './1765200000026-territory-wholes-and-delay-rollups';
import { PerformingPractitionerFacts1765300000030 } from './1765300000030-performing-practitioner-facts';
import { BreakdownFacts1765400000030 } from './1765400000030-breakdown-facts';
import { CptsPerimeters1765450000030 } from './1765450000030-cpts-perimeters';
import { PublisherCounts1765500000026 } from './1765500000026-publisher-counts';
import { WeeklyLoadWholes1765700000026 } from './1765700000026-weekly-load-wholes';

/** The indicators schema's migrations in order: the service and the specs that build its tables run the same list. */
export const INDICATORS_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  EventCountTable1763800000002,
  IndicatorFacts1763800000003,
  FactTimeIndexes1763800026000,
  DailyRollups1764900000026,
  TerritoryWholesAndDelayRollups1765200000026,
  PerformingPractitionerFacts1765300000030,
  BreakdownFacts1765400000030,
  CptsPerimeters1765450000030,
  PublisherCounts1765500000026,
  WeeklyLoadWholes1765700000026,
];
