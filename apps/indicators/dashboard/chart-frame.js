// A chart's frame: title, downloads (SVG, PNG, CSV), the chart, and its data as a table
// (the chart's text alternative).

function download(name, blob) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function svgText(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

function downloadPng(name, svg) {
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => download(`${name}.png`, blob), 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Fills `figure` (a <figure id=…> of the page) with `chart` (an element holding an SVG, or
 * the map), a table of `columns` × `rows`, and download buttons; `csv()` gives the CSV text.
 */
export function frameChart(figure, { title, chart, columns, rows, csv }) {
  const name = figure.id;
  const heading = document.createElement('h3');
  heading.id = `${name}-title`;
  heading.textContent = title;
  const tools = document.createElement('div');
  tools.className = 'chart-tools';
  const svg = () => chart.querySelector('svg:not(.leaflet-zoom-animated)') ?? chart.querySelector('svg');
  if (chart.querySelector('svg') && !chart.classList.contains('map')) {
    tools.append(
      button('SVG', () => download(`${name}.svg`, new Blob([svgText(svg())], { type: 'image/svg+xml' }))),
      button('PNG', () => downloadPng(name, svg())),
    );
  }
  tools.append(button('CSV', async () => download(`${name}.csv`, new Blob([await csv()], { type: 'text/csv' }))));
  const definitions = document.createElement('a');
  definitions.href = '#definitions';
  definitions.className = 'definitions-link';
  definitions.textContent = 'Définitions';
  tools.append(definitions);
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `Données du graphique « ${title} » (tableau)`;
  const table = document.createElement('table');
  const caption = document.createElement('caption');
  caption.textContent = title;
  const head = document.createElement('tr');
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c.label;
    head.append(th);
  }
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const c of columns) {
      const td = document.createElement('td');
      td.textContent = c.format ? c.format(row[c.key], row) : String(row[c.key] ?? '—');
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(caption, thead, body);
  details.append(summary, table);
  figure.setAttribute('aria-labelledby', heading.id);
  figure.replaceChildren(heading, tools, chart, details);
}

/** CSV of rows the page drew from an API answer (for breakdowns the API gives as JSON only). */
export function toCsv(columns, rows) {
  const cell = (v) =>
    v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
