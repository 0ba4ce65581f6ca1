// npm run indicators:rebuild — recomputes every indicator from the Kafka topics. Asks the
// running indicators service (INDICATORS_URL, default http://localhost:3004) to do it;
// when none answers, runs the same replay in this process against KAFKA_BROKERS and
// DATABASE_URL, then exits.
import { createServiceApp } from '@sas/platform';
import { AppModule } from '../app.module';
import { RebuildService } from './rebuild.service';

async function main(): Promise<void> {
  const url = (process.env.INDICATORS_URL ?? 'http://localhost:3004').replace(/\/+$/, '');
  const running = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  if (running) {
    const res = await fetch(`${url}/indicators/rebuild`, { method: 'POST' });
    process.stdout.write(`${url}: ${res.status} ${await res.text()}\n`);
    process.exitCode = res.ok ? 0 : 1;
    return;
  }
  process.env.INDICATORS_PUBLICATION_INTERVAL_MS ??= String(24 * 3600_000);
  const app = await createServiceApp('indicators', AppModule);
  await app.init();
  try {
    const report = await app.get(RebuildService).rebuild();
    process.stdout.write(`indicators rebuilt in process: ${JSON.stringify(report)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`indicators rebuild failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
