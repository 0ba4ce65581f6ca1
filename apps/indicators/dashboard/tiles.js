// Headline tiles: the selected period's figure and its change against the previous period.
import { formatChange, formatValue, LABELS } from './format.js';

export const TILE_FIGURES = [
  'snp_requests',
  'snp_consultations_booked',
  'snp_consultations_honoured',
  'response_rate',
  'no_show_rate',
  'orientations_no_solution',
  'delay_call_to_appointment_median_minutes',
  'delay_call_to_appointment_p90_minutes',
  'share_appointments_within_24h',
  'share_appointments_within_48h',
];

/** `rows` is GET /indicators over both periods at the period's granularity: one row each at most. */
export function renderTiles(container, rows, current, previous, source) {
  const now = rows.find((r) => r.period === current.from) ?? {};
  const before = rows.find((r) => r.period === previous.from) ?? {};
  container.dataset.source = source;
  container.replaceChildren(
    ...TILE_FIGURES.map((name) => {
      const value = now[name] ?? null;
      const tile = document.createElement('article');
      tile.className = 'tile';
      tile.dataset.figure = name;
      tile.dataset.value = value === null ? '' : String(value);
      const title = document.createElement('h3');
      title.textContent = LABELS[name];
      const figure = document.createElement('p');
      figure.className = 'tile-value';
      figure.textContent = formatValue(name, value);
      const change = document.createElement('p');
      change.className = 'tile-change';
      const previousValue = before[name] ?? null;
      change.textContent =
        previousValue === null
          ? 'période précédente : pas de donnée'
          : `${formatChange(name, value, previousValue)} (période précédente : ${formatValue(name, previousValue)})`;
      tile.append(title, figure, change);
      return tile;
    }),
  );
}
