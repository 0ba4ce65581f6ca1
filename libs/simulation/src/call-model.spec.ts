import { arrivalTimes, callDraw, CALLS_PER_10K_PER_DAY, expectedCalls } from './call-model';
import { seededRandom } from './random';
import { regionCommunes } from './region-communes';

describe('the calls of a SAS day', () => {
  it('peak in the morning and early evening, trough at night, weekends heavier', () => {
    const at = (hour: number, weekend = false) => expectedCalls(1_000_000, hour, weekend);
    expect(at(10)).toBeGreaterThan(3 * at(4));
    expect(at(19)).toBeGreaterThan(at(15));
    expect(at(10, true)).toBeCloseTo(at(10) * 1.5);
    const day = Array.from({ length: 24 }, (_, h) => at(h)).reduce((a, b) => a + b, 0);
    expect(day).toBeCloseTo((1_000_000 * CALLS_PER_10K_PER_DAY) / 10_000);
  });

  it('arrive in order within the period, as many as the curve expects, the same for the same seed', () => {
    const weekday = () => ({ hour: 0, weekend: false });
    const hourOf = (instant: Date) => ({ ...weekday(), hour: instant.getUTCHours() });
    const start = new Date('2026-11-23T00:00:00Z');
    const times = arrivalTimes(seededRandom(1), 10_000_000, start, 24, 1, hourOf);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBeLessThan(24 * 3600_000);
    expect(Math.abs(times.length - 8_000) / 8_000).toBeLessThan(0.05);
    expect(arrivalTimes(seededRandom(1), 10_000_000, start, 24, 1, hourOf)).toEqual(times);
  });

  it('come from the region’s communes, in the shares of the model', () => {
    const draw = callDraw(regionCommunes('11'), seededRandom(2));
    const calls = Array.from({ length: 5_000 }, draw);
    expect(
      calls.every(
        (c) => ['75', '77', '78', '91', '92', '93', '94', '95'].includes(c.territory) && c.communeCode.startsWith(c.territory),
      ),
    ).toBe(true);
    const share = (test: (c: (typeof calls)[number]) => boolean) => calls.filter(test).length / calls.length;
    expect(share((c) => c.lifeThreatening)).toBeCloseTo(0.08, 1);
    expect(share((c) => c.consultationNeeded)).toBeCloseTo(0.6, 1);
    expect(share((c) => c.territory === '75')).toBeGreaterThan(0.12);
  });
});
