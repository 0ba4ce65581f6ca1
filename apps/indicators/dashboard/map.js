// The coverage map: one mark per commune with figures, at the commune's centre; its size is
// the SNP hours per 10,000 inhabitants, its colour the participating practitioners per
// 10,000. No tile layer: the page asks no other host for anything.
import { frameChart } from './chart-frame.js';
import { formatDecimal, formatInteger, formatValue, LABELS } from './format.js';

let map;
let layer;

const POPUP_FIGURES = [
  'snp_hours_per_10k',
  'participating_practitioners_per_10k',
  'snp_hours_published',
  'practitioners_publishing_snp',
  'snp_requests',
  'snp_consultations_honoured',
];

function popup(commune, row) {
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = `${commune.name} (${commune.code})`;
  const list = document.createElement('dl');
  for (const name of POPUP_FIGURES) {
    const dt = document.createElement('dt');
    dt.textContent = LABELS[name] ?? name;
    const dd = document.createElement('dd');
    dd.textContent = formatValue(name, row[name]);
    list.append(dt, dd);
  }
  const population = document.createElement('p');
  population.textContent = `Population : ${formatInteger(commune.population)} habitants`;
  box.append(title, population, list);
  return box;
}

/**
 * `rows`: GET /indicators grouped by commune over the selected period (one row per commune);
 * `communes`: code → {code, name, population, latitude, longitude}.
 */
export function renderMap(figure, rows, communes, csv) {
  const holder = document.createElement('div');
  holder.className = 'map';
  holder.setAttribute('role', 'region');
  holder.setAttribute('aria-label', 'Carte des communes : heures SNP et effecteurs participants pour 10 000 habitants');
  const marked = rows.filter((r) => communes.has(r.commune));
  const named = marked.map((r) => ({ ...r, name: communes.get(r.commune).name }));
  frameChart(figure, {
    title: 'Couverture par commune (pour 10 000 habitants)',
    chart: holder,
    columns: [
      { key: 'name', label: 'Commune' },
      { key: 'commune', label: 'Code INSEE' },
      { key: 'snp_hours_per_10k', label: LABELS.snp_hours_per_10k, format: (v) => formatValue('snp_hours_per_10k', v) },
      {
        key: 'participating_practitioners_per_10k',
        label: LABELS.participating_practitioners_per_10k,
        format: (v) => formatValue('participating_practitioners_per_10k', v),
      },
    ],
    rows: named,
    csv,
  });
  if (map) map.remove();
  map = L.map(holder, { zoomSnap: 0.25, attributionControl: false });
  // The view first: Leaflet draws (and so names) a mark only once its map has one.
  const points = marked.map((r) => [communes.get(r.commune).latitude, communes.get(r.commune).longitude]);
  if (points.length) map.fitBounds(L.latLngBounds(points), { padding: [16, 16] });
  else map.setView([48.85, 2.35], 9);
  layer = L.featureGroup().addTo(map);
  const maxPractitioners = Math.max(0.1, ...marked.map((r) => r.participating_practitioners_per_10k ?? 0));
  const colour = d3.scaleSequential([0, maxPractitioners], d3.interpolateViridis);
  const maxHours = Math.max(0.1, ...marked.map((r) => r.snp_hours_per_10k ?? 0));
  for (const row of marked) {
    const commune = communes.get(row.commune);
    const hours = row.snp_hours_per_10k ?? 0;
    const mark = L.circleMarker([commune.latitude, commune.longitude], {
      radius: 4 + 14 * Math.sqrt(hours / maxHours),
      color: '#1b1b1b',
      weight: 1,
      // No supply published there (only demand): drawn small and red, the gap to see.
      fillColor: hours > 0 ? colour(row.participating_practitioners_per_10k ?? 0) : '#d7301f',
      fillOpacity: 0.8,
      className: 'commune-mark',
    });
    mark.bindPopup(() => popup(commune, row));
    mark.bindTooltip(`${commune.name} : ${formatDecimal(hours)} h pour 10 000 hab.`);
    mark.addTo(layer);
    mark.getElement()?.setAttribute('data-commune', row.commune);
  }
  return marked.length;
}
