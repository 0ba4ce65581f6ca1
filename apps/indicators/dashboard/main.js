// The steering dashboard: reads the view from the URL, the figures from the indicators API,
// and draws tiles, charts and the map. Every figure shown is a field of an API answer.
import { createApi, figuresPath, hourlyPath, whereParams } from './api.js';
import { finishOidcSignIn, forgetToken, keepToken, startOidcSignIn, storedToken, takeTokenFromFragment } from './auth.js';
import { renderHourlyChart, renderSeriesCharts } from './charts.js';
import { showDefinitions } from './definitions.js';
import { formatDate, formatMonth } from './format.js';
import { renderMap } from './map.js';
import { renderTiles } from './tiles.js';
import { periodOf, previousPeriod, readView, seriesRange, writeView } from './view-state.js';

const $ = (id) => document.getElementById(id);

/** The page parsed (this module is async: it may run before). */
const domReady =
  document.readyState !== 'loading'
    ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));

/** The chart and map libraries, preloaded by the page, run in this order. */
const LIBRARIES = ['d3.min.js', 'plot.umd.min.js', 'leaflet.js'];

/**
 * Runs the libraries (d3, Plot, Leaflet). Called once the figures are asked for, so that
 * compiling and running them (tens of milliseconds of the main thread) does not delay the
 * requests; they are downloaded meanwhile (preloaded by the page).
 */
function runLibraries() {
  return Promise.all(
    LIBRARIES.map(
      (name) =>
        new Promise((resolve, reject) => {
          const script = document.createElement('script');
          script.src = `/dashboard/assets/${name}`;
          script.async = false; // in order: Plot needs d3
          script.addEventListener('load', () => resolve(), { once: true });
          script.addEventListener('error', () => reject(new Error(`${name} ne s’est pas chargé`)), { once: true });
          document.head.append(script);
        }),
    ),
  ).then(() => domReady);
}

/** What the page needs to start, written into it by the service (before this module's tag: parsed already). */
function readConfig() {
  return JSON.parse($('dashboard-config').textContent);
}
let renders = 0;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

function askForToken(config, message) {
  status(message ?? 'Connectez-vous pour lire les indicateurs.', Boolean(message));
  if (config.auth.mode === 'oidc') {
    const again = document.createElement('button');
    again.type = 'button';
    again.textContent = 'Se connecter';
    again.addEventListener('click', () => startOidcSignIn(config.auth));
    $('status').append(' ', again);
    return;
  }
  $('sign-in').hidden = false;
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    keepToken($('token').value.trim());
    location.reload();
  });
}

async function signIn(config) {
  const token = takeTokenFromFragment() ?? storedToken();
  if (token || config.auth.mode !== 'oidc') return token;
  const fresh = await finishOidcSignIn(config.auth);
  if (!fresh) await startOidcSignIn(config.auth);
  return fresh;
}

function periodLabel(view, current) {
  if (view.period === 'month') return `Mois de ${formatMonth(current.from)}, comparé au mois précédent.`;
  return `Semaine du ${formatDate(current.from)} au ${formatDate(current.to)}, comparée à la semaine précédente.`;
}

/** The communes' referential (public): asked for as the page starts, read when the map is drawn. */
function loadCommunes() {
  const communes = fetch('/dashboard/communes.json')
    .then((answer) => answer.json())
    .then(
      (table) =>
        new Map(
          table.rows.map(([code, name, population, latitude, longitude]) => [
            code,
            { code, name, population, latitude, longitude },
          ]),
        ),
    );
  communes.catch(() => {}); // a failure is reported when the map needs them
  return communes;
}

/** The API answers a view is drawn from, all asked for at once. */
function fetchView(api, config, view) {
  const current = periodOf(view.period, view.at);
  const previous = previousPeriod(view.period, current);
  const where = whereParams(view, config.region);
  const groupBy = view.territory ? 'territory' : 'region';
  const paths = {
    tiles: figuresPath(where, { from: previous.from, to: current.to }, view.period, groupBy),
    series: figuresPath(where, seriesRange(view.period, current), view.granularity, groupBy),
    communes: figuresPath(where, current, view.period, 'commune'),
  };
  const answers = Promise.all([
    api.get(paths.tiles),
    api.get(paths.series),
    api.get(paths.communes),
    api.get(hourlyPath(where, current)),
  ]);
  answers.catch(() => {}); // a failure is reported when the view is drawn
  return { key: JSON.stringify(view), current, previous, where, groupBy, paths, answers };
}

async function boot() {
  const communes = loadCommunes();
  const config = readConfig();
  const token = await signIn(config);
  if (!token) {
    await domReady;
    return askForToken(config);
  }
  const api = createApi(token);
  // The first view's figures are asked for with the reader's scope, not after it: the API
  // applies the scope itself, and an answer for a view the scope changes is not used.
  let early = fetchView(api, config, readView());
  const scopeAnswer = api.get('/indicators/scope');
  scopeAnswer.catch(() => {}); // read below
  const libraries = runLibraries();
  let scope;
  try {
    [scope] = await Promise.all([scopeAnswer, libraries]);
  } catch (error) {
    await domReady;
    forgetToken();
    return askForToken(config, `Accès refusé : ${error.message}`);
  }
  const territories = scope.territories
    ? config.territories.filter((t) => scope.territories.includes(t.code))
    : config.territories;
  const select = $('territory');
  select.replaceChildren(
    new Option(
      scope.territories
        ? `Tous mes territoires (${territories.map((t) => t.code).join(', ')})`
        : `Toute la région (${config.regionName})`,
      '',
    ),
    ...territories.map((t) => new Option(`${t.code} — ${t.name}`, t.code)),
  );
  const show = async (view) => {
    const mine = ++renders;
    let notice = '';
    if (view.territory && !territories.some((t) => t.code === view.territory)) {
      notice = `Le territoire ${view.territory} n’est pas accessible avec ce compte ; affichage de vos territoires. `;
      view = { ...view, territory: territories.length === 1 ? territories[0].code : '' };
      writeView(view, true);
    }
    select.value = view.territory;
    $('period').value = view.period;
    $('at').value = view.at;
    $('granularity').value = view.granularity;
    status(`${notice}Chargement…`);
    const asked = early?.key === JSON.stringify(view) ? early : fetchView(api, config, view);
    early = undefined;
    const { current, previous, where, groupBy, paths } = asked;
    try {
      const [[tiles, series, byCommune, hourly], referential] = await Promise.all([asked.answers, communes]);
      if (mine !== renders) return;
      $('period-label').textContent = periodLabel(view, current);
      renderTiles($('tiles'), tiles.rows, current, previous, paths.tiles);
      renderSeriesCharts(
        { demand: $('demand'), outcomes: $('outcomes'), delays: $('delays'), practitioners: $('practitioners') },
        series.rows,
        view.granularity,
        () => api.get(figuresPath(where, seriesRange(view.period, current), view.granularity, groupBy, '.csv'), 'text/csv'),
      );
      renderHourlyChart($('hourly'), hourly.rows);
      const marks = renderMap($('coverage'), byCommune.rows, referential, () =>
        api.get(figuresPath(where, current, view.period, 'commune', '.csv'), 'text/csv'),
      );
      status(`${notice}À jour : ${marks} communes sur la carte.`);
      performance.mark('view-drawn');
      document.body.dataset.view = location.search;
      document.body.dataset.rendered = String(mine);
    } catch (error) {
      if (mine !== renders) return;
      if (error.status === 401) forgetToken();
      status(`Impossible de lire les indicateurs : ${error.message}`, true);
      document.body.dataset.rendered = String(mine);
    }
  };

  $('filters').addEventListener('change', () => {
    const view = {
      territory: select.value,
      period: $('period').value,
      at: $('at').value || readView().at,
      granularity: $('granularity').value,
    };
    writeView(view);
    void show(view);
  });
  $('open-definitions').addEventListener('click', () => showDefinitions($('definitions'), api));
  document.addEventListener('click', (event) => {
    if (event.target.closest?.('.definitions-link')) {
      event.preventDefault();
      void showDefinitions($('definitions'), api);
    }
  });
  window.addEventListener('popstate', () => void show(readView()));
  writeView(readView(), true);
  await show(readView());
}

boot().catch(async (error) => {
  await domReady;
  status(`Le tableau de bord n’a pas pu démarrer : ${error.message}`, true);
});
