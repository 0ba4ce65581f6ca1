import { SimulationReport } from './simulate-day';
import { optionalHour, parseArguments, positiveNumber } from './arguments';

/** The simulation's command-line options and their defaults (`npm run simulate`; `npm run bench:day` takes them but speed and region). */
export const SIMULATION_DEFAULTS = {
  hours: '24',
  speed: '60',
  scale: '0.01',
  seed: '1',
  region: '11',
  regulators: '50',
  'booked-elsewhere': '3',
  'from-hour': '',
  // Part of the region's practitioners whose agendas are at agenda vendors, and how many vendors (docs/vendor-booking.md).
  'vendor-share': '0',
  vendors: '1',
};

/** `npm run simulate`'s options. */
export function simulationOptions(args: string[]) {
  return simulationFrom(parseArguments(args, SIMULATION_DEFAULTS));
}

/** A simulation's options from parsed `--name value` arguments. */
export function simulationFrom(values: Record<string, string>) {
  return {
    region: values.region,
    hours: positiveNumber(values, 'hours'),
    speed: values.speed === 'max' ? Infinity : positiveNumber(values, 'speed'),
    scale: positiveNumber(values, 'scale'),
    seed: positiveNumber(values, 'seed'),
    regulators: positiveNumber(values, 'regulators'),
    bookedElsewherePerCall: Number(values['booked-elsewhere']),
    fromHour: optionalHour(values, 'from-hour'),
  };
}

/** The run's figures, then each indicator next to the simulation's own count. */
export function printReport(report: SimulationReport, out: (line: string) => void): void {
  const { indicators, territories, ...figures } = report;
  out(JSON.stringify(figures, null, 2));
  out('\nindicator                                  expected   measured');
  for (const a of indicators)
    out(
      `${a.name.padEnd(42)} ${String(a.expected).padStart(8)} ${String(a.measured).padStart(10)}${a.expected === a.measured ? '' : '   ✗'}`,
    );
  out(
    `\norigin–destination: ${territories.pairs} pairs, ${territories.bookings} bookings; ${territories.pairsDisagreeing.length} pairs disagree`,
  );
  for (const a of territories.pairsDisagreeing)
    out(`  ${a.key.padEnd(20)} expected ${JSON.stringify(a.expected)} measured ${JSON.stringify(a.measured)}   ✗`);
  out('EPCI (of the patient)   booked expected/measured   honoured expected/measured');
  for (const a of territories.epci)
    out(
      `${a.key.padEnd(24)}${`${a.expected.booked}/${a.measured.booked}`.padStart(16)}${`${a.expected.honoured}/${a.measured.honoured}`.padStart(28)}${a.expected.booked === a.measured.booked && a.expected.honoured === a.measured.honoured ? '' : '   ✗'}`,
    );
  out(
    report.indicatorsAgree && territories.agree
      ? '\nthe indicators agree with the simulation exactly'
      : '\nTHE INDICATORS DISAGREE with the simulation',
  );
}
