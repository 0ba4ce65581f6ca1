'use strict';
// Preloaded into a benchmarked service (`node -r`, see startBenchService's `probeLoopDelay`):
// samples its event-loop delay every millisecond (perf_hooks.monitorEventLoopDelay) and, each
// time the benchmark writes a label into `<BENCH_LOOP_DELAY_FILE>.ask`, writes the histogram
// since the previous ask into BENCH_LOOP_DELAY_FILE under that label and starts a new one.
// A file and not a signal: Nest's shutdown hooks take SIGUSR2, and the probe must add no route.
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { setInterval } = require('node:timers');

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ask = `${file}.ask`;
  setInterval(() => {
    if (!existsSync(ask)) return;
    const label = readFileSync(ask, 'utf8');
    rmSync(ask, { force: true });
    const ms = (ns) => +(ns / 1e6).toFixed(2);
    const report = {
      label,
      samples: histogram.count,
      meanMs: ms(histogram.mean),
      p50Ms: ms(histogram.percentile(50)),
      p90Ms: ms(histogram.percentile(90)),
      p99Ms: ms(histogram.percentile(99)),
      p999Ms: ms(histogram.percentile(99.9)),
      maxMs: ms(histogram.max),
    };
    histogram.reset();
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
  }, 50).unref();
}
