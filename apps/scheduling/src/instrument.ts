// Loaded first by main.ts: OpenTelemetry must start before Nest and its dependencies load.
import { startTelemetry } from '@sas/telemetry';

startTelemetry('scheduling');
