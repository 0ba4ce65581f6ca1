// The view (territory, period, day, granularity) lives in the URL so that a view can be shared.

const PERIODS = ['week', 'month'];
const GRANULARITIES = ['day', 'week', 'month'];
/** Periods drawn in the charts: the selected one and the eleven before it. */
export const SERIES_PERIODS = 12;

export function todayInParis() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export function readView(search = location.search) {
  const params = new URLSearchParams(search);
  const period = PERIODS.includes(params.get('period')) ? params.get('period') : 'week';
  const at = /^\d{4}-\d{2}-\d{2}$/.test(params.get('at') ?? '') ? params.get('at') : todayInParis();
  const granularity = GRANULARITIES.includes(params.get('granularity'))
    ? params.get('granularity')
    : period === 'week'
      ? 'day'
      : 'week';
  return { territory: params.get('territory') ?? '', period, at, granularity };
}

export function writeView(view, replace = false) {
  const params = new URLSearchParams();
  if (view.territory) params.set('territory', view.territory);
  params.set('period', view.period);
  params.set('at', view.at);
  params.set('granularity', view.granularity);
  const url = `${location.pathname}?${params}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

const parse = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (date) => date.toISOString().slice(0, 10);
export const addDays = (day, n) => iso(new Date(parse(day).getTime() + n * 86_400_000));

/** The period holding `at`: its ISO week (Monday to Sunday) or its calendar month. */
export function periodOf(kind, at) {
  if (kind === 'week') {
    const from = addDays(at, -((parse(at).getUTCDay() + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const d = parse(at);
  const from = iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  return { from, to: iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))) };
}

/** The period before `period` of the same kind. */
export function previousPeriod(kind, period) {
  return periodOf(kind, addDays(period.from, -1));
}

/** The range the charts draw: SERIES_PERIODS periods ending with the selected one. */
export function seriesRange(kind, period) {
  let first = period;
  for (let i = 1; i < SERIES_PERIODS; i++) first = previousPeriod(kind, first);
  return { from: first.from, to: period.to };
}
