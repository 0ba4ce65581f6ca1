// npm run indicators:rebuild — recomputes every indicator from the Kafka topics. Asks the
// running indicators service (INDICATORS_URL, default http://localhost:3004; an admin token
// in INDICATORS_TOKEN, or a development one) to do it;
// when none answers, runs the same replay in this process against KAFKA_BROKERS and
// DATABASE_URL, then exits.
import { signDevelopmentToken } from '@sas/auth';
import { createServiceApp } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { AppModule } from '../app.module';
import { RebuildService } from './rebuild.service';
import { REBUILD_SETTINGS } from './rebuild-settings';

async function main(): Promise<void> {
  const settings = readSettings(REBUILD_SETTINGS);
  const url = settings.INDICATORS_URL;
  const running = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (running) {
    // An admin's token: INDICATORS_TOKEN, or outside production one signed with the development key.
    const token =
      settings.INDICATORS_TOKEN ??
      (await signDevelopmentToken({ role: 'admin', subject: 'indicators-rebuild-script', ttlSeconds: 300 }));
    const res = await fetch(`${url}/indicators/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
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
