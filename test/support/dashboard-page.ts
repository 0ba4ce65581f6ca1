import { Page } from 'playwright-core';

/** Opens the dashboard with a development token handed over in the fragment, and waits for its figures. */
export async function openDashboard(page: Page, baseUrl: string, query: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/dashboard?${query}#token=${token}`);
  await waitForRender(page, 0);
  expect(await page.locator('#status.error').count()).toBe(0);
}

/** Waits until the page drew a view after render number `after`. */
export async function waitForRender(page: Page, after: number): Promise<number> {
  // Polled from here: waitForFunction compiles its predicate inside the page, which the page's CSP forbids.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const drawn = await page.evaluate(
      `Number(document.body.dataset.rendered ?? 0) > ${after} && /À jour|Impossible/.test(document.getElementById('status').textContent)`,
    );
    if (drawn) return renderCount(page);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the dashboard drew no view after render ${after}: ${await page.locator('#status').textContent()}`);
}

/** How many views the page drew so far. */
export async function renderCount(page: Page): Promise<number> {
  return Number(await page.evaluate('document.body.dataset.rendered ?? 0'));
}

/** Each tile's figure name → the number it holds (null when the API had none), and its text. */
export async function readTiles(
  page: Page,
): Promise<{ source: string; tiles: { figure: string; value: number | null; text: string }[] }> {
  // Strings, not functions: these run in the page, and the tests are compiled without the DOM's types.
  return page.evaluate(`(() => {
    const container = document.getElementById('tiles');
    return {
      source: container.dataset.source ?? '',
      tiles: [...container.querySelectorAll('.tile')].map((t) => ({
        figure: t.dataset.figure,
        value: t.dataset.value === '' ? null : Number(t.dataset.value),
        text: t.querySelector('.tile-value').textContent,
      })),
    };
  })()`);
}

/** The communes the map has a mark for. */
export async function mapMarks(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('#coverage .commune-mark')].map((m) => m.getAttribute('data-commune'))`);
}

/** The ISO week (Monday to Sunday) of `day`, and the one before, as the page computes them. */
export function isoWeekOf(day: string): { from: string; to: string; previousFrom: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const shift = (n: number) => new Date(date.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const monday = -((date.getUTCDay() + 6) % 7);
  return { from: shift(monday), to: shift(monday + 6), previousFrom: shift(monday - 7) };
}
