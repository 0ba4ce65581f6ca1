/**
 * The services' root modules, for a service's own integration tests that need a neighbour
 * running beside it (matching fed by scheduling). Services never import one another
 * (the import-boundaries lint rule); tests under test/ may, so they go through here.
 */
export { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
export { AppModule as MatchingModule } from '../../apps/matching/src/app.module';
export { AppModule as OrientationModule } from '../../apps/orientation/src/app.module';
export { AppModule as IndicatorsModule } from '../../apps/indicators/src/app.module';
