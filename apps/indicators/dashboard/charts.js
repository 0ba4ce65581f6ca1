// The charts, drawn with Observable Plot from the API's rows (globals Plot and d3, served
// by the indicators service from node_modules).
import { frameChart, toCsv } from './chart-frame.js';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMinutes,
  formatValue,
  LABELS,
  OUTCOME_LABELS,
  WEEKDAYS,
} from './format.js';

const INTERVALS = { day: () => d3.utcDay, week: () => d3.utcMonday, month: () => d3.utcMonth };
const number = (d) => formatDecimal(d);
// Fourteen outcomes, fourteen colours (Tableau 10 and four more); "no solution" in black, the failure to see.
const OUTCOME_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#d4a6c8',
  '#86bcb6',
  '#8cd17d',
  '#1b1b1b',
];
const dayTick = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthTick = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
/** A time axis with one tick per period at most, labelled in French. */
const timeAxis = (granularity) => ({
  type: 'utc',
  label: null,
  interval: INTERVALS[granularity](),
  tickFormat: (d) => (granularity === 'month' ? monthTick : dayTick).format(d),
});
const date = (iso) => new Date(`${iso}T00:00:00Z`);

function plot(container, options) {
  const width = Math.max(320, container.clientWidth || 640);
  const svg = Plot.plot({
    locale: 'fr-FR',
    width,
    height: 280,
    marginLeft: 56,
    style: { fontSize: '13px', color: '#1b1b1b' },
    ...options,
  });
  // One image for assistive technologies, its table being the text alternative: Plot labels
  // each mark's <g>, which ARIA does not allow on a group without a role.
  for (const chart of svg.tagName === 'svg' ? [svg] : svg.querySelectorAll('svg')) {
    if (chart.hasAttribute('aria-label')) chart.setAttribute('role', 'img');
    else chart.setAttribute('aria-hidden', 'true'); // a colour legend: the table says it in words
    for (const g of chart.querySelectorAll('g[aria-label], g[aria-description]')) {
      g.removeAttribute('aria-label');
      g.removeAttribute('aria-description');
    }
  }
  const holder = document.createElement('div');
  holder.className = 'chart';
  holder.append(svg);
  return holder;
}

/** Long rows `{date, série, value}` of the `names` columns, for multi-line charts. */
function long(rows, names) {
  return rows.flatMap((r) =>
    names.filter((n) => r[n] !== null).map((n) => ({ date: date(r.period), série: LABELS[n], value: r[n] })),
  );
}

function lines(
  figure,
  { title, rows, granularity, names, yLabel, scale = (v) => v, yTicks = number, csv, format = (name, v) => formatValue(name, v) },
) {
  const data = long(rows, names).map((d) => ({ ...d, value: scale(d.value) }));
  const chart = plot(figure, {
    ariaLabel: title,
    ariaDescription: `Courbes : ${names.map((n) => LABELS[n]).join(', ')}, par période. Le tableau ci-dessous donne les valeurs.`,
    x: timeAxis(granularity),
    y: { grid: true, label: yLabel, tickFormat: yTicks, zero: true },
    color: { legend: true, scheme: 'dark2' },
    marks: [
      Plot.lineY(data, { x: 'date', y: 'value', stroke: 'série', strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'value', fill: 'série', r: 2.5, tip: true }),
    ],
  });
  const columns = [
    { key: 'period', label: 'Période', format: formatDate },
    ...names.map((n) => ({ key: n, label: LABELS[n], format: (v) => format(n, v) })),
  ];
  frameChart(figure, { title, chart, columns, rows, csv });
}

export function renderSeriesCharts(page, rows, granularity, csv) {
  lines(page.demand, {
    title: 'Demandes de SNP et consultations honorées',
    rows,
    granularity,
    names: ['snp_requests', 'snp_consultations_honoured'],
    yLabel: 'nombre',
    csv,
  });
  const outcomes = Object.keys(OUTCOME_LABELS);
  const stacked = rows.flatMap((r) =>
    outcomes
      .map((code) => ({
        date: date(r.period),
        issue: OUTCOME_LABELS[code],
        value: r[`orientations_${code.replace(/-/g, '_')}`] ?? 0,
      }))
      .filter((d) => d.value > 0),
  );
  const chart = plot(page.outcomes, {
    ariaLabel: 'Orientations par issue',
    ariaDescription:
      'Barres empilées du nombre d’orientations par issue et par période. Le tableau ci-dessous donne les valeurs.',
    x: timeAxis(granularity),
    y: { grid: true, label: 'orientations', tickFormat: number },
    color: { legend: true, domain: outcomes.map((c) => OUTCOME_LABELS[c]), range: OUTCOME_COLOURS },
    marks: [
      Plot.rectY(stacked, { x: 'date', interval: INTERVALS[granularity](), y: 'value', fill: 'issue', tip: true }),
      Plot.ruleY([0]),
    ],
  });
  const outcomeColumns = outcomes.map((code) => ({
    key: `orientations_${code.replace(/-/g, '_')}`,
    label: OUTCOME_LABELS[code],
    format: (v) => formatInteger(v ?? 0),
  }));
  frameChart(page.outcomes, {
    title: 'Orientations par issue',
    chart,
    columns: [
      { key: 'period', label: 'Période', format: formatDate },
      { key: 'orientations_total', label: 'Total', format: (v) => formatInteger(v ?? 0) },
      ...outcomeColumns,
    ],
    rows,
    csv,
  });
  lines(page.delays, {
    title: 'Délai entre l’appel et le rendez-vous (heures)',
    rows,
    granularity,
    names: ['delay_call_to_appointment_median_minutes', 'delay_call_to_appointment_p90_minutes'],
    yLabel: 'heures',
    scale: (minutes) => minutes / 60,
    yTicks: (hours) => formatMinutes(hours * 60),
    format: (_name, v) => (v === null ? '—' : formatMinutes(v)),
    csv,
  });
  lines(page.practitioners, {
    title: 'Effecteurs participants et au plafond hebdomadaire de 20',
    rows,
    granularity,
    names: ['practitioners_publishing_snp', 'practitioners_at_weekly_cap'],
    yLabel: 'effecteurs',
    csv,
  });
}

/** SNP hours published by weekday × hour of the slot start, over the selected period. */
export function renderHourlyChart(figure, rows) {
  const data = rows.map((r) => ({ ...r, jour: WEEKDAYS[r.weekday - 1] }));
  const chart = plot(figure, {
    ariaLabel: 'Heures SNP publiées par jour et heure',
    ariaDescription:
      'Carte de chaleur des heures de créneaux SNP publiées par jour de la semaine et heure de début. Le tableau ci-dessous donne les valeurs.',
    height: 260,
    marginLeft: 80,
    padding: 0.05,
    x: {
      domain: Array.from({ length: 24 }, (_, h) => h),
      label: 'heure de début',
      ticks: [0, 3, 6, 9, 12, 15, 18, 21],
      tickFormat: (h) => `${h} h`,
    },
    y: { domain: WEEKDAYS, label: null },
    color: { legend: true, scheme: 'blues', label: 'heures publiées', tickFormat: number, zero: true },
    marks: [Plot.cell(data, { x: 'hour', y: 'jour', fill: 'snp_hours_published', tip: true })],
  });
  const columns = [
    { key: 'jour', label: 'Jour' },
    { key: 'hour', label: 'Heure de début', format: (h) => `${h} h` },
    { key: 'snp_hours_published', label: LABELS.snp_hours_published, format: number },
  ];
  frameChart(figure, {
    title: 'Heures SNP publiées par jour et heure : quand l’offre manque-t-elle ?',
    chart,
    columns,
    rows: data,
    csv: async () => toCsv(['weekday', 'hour', 'snp_hours_published'], rows),
  });
}
