// The indicators API, called with the reader's token. The page computes no figure itself:
// every number shown is a field of one of these answers.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createApi(token) {
  const get = async (path, accept = 'application/json') => {
    const answer = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept } });
    if (!answer.ok) {
      const body = await answer.json().catch(() => ({}));
      throw new ApiError(answer.status, body.message ?? `${path} : erreur ${answer.status}`);
    }
    return accept === 'text/csv' ? answer.text() : answer.json();
  };
  return { get };
}

/** The where of a request: one territory, or the whole region (its départements, within the token's). */
export function whereParams(view, region) {
  return view.territory ? { territory: view.territory } : { region };
}

export function figuresPath(where, range, granularity, groupBy, format = '') {
  const params = new URLSearchParams({ ...where, from: range.from, to: range.to, granularity, groupBy });
  return `/indicators${format}?${params}`;
}

export function hourlyPath(where, range) {
  return `/indicators/snp-hours-by-weekday-hour?${new URLSearchParams({ ...where, from: range.from, to: range.to })}`;
}
