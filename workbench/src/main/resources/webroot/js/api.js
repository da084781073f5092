// The server's JSON API: every request carries the token as a bearer token.

const TOKEN_KEY = 'ozw.token';

/**
 * Takes the token from the address bar once (?token=…), keeps it for this tab in
 * sessionStorage, and removes it from the address bar and the history entry.
 */
export function takeToken() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A refusal or failure the server answered, with its message. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function request(method, path, body) {
  const headers = { Authorization: `Bearer ${token()}` };
  let payload;
  if (typeof body === 'string') {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = (json && (json.error || json.message)) || text || response.statusText;
    throw new ApiError(response.status, message, json);
  }
  return json;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);

/** The routes of one space. */
export function spaceApi(id) {
  const base = `/api/spaces/${encodeURIComponent(id)}`;
  const part = (s) => encodeURIComponent(s);
  return {
    id,
    summary: () => get(base),
    classes: (match = '*') => get(`${base}/classes?match=${part(match)}`),
    classDetail: (name) => get(`${base}/classes/${part(name)}`),
    method: (cls, selector) => get(`${base}/classes/${part(cls)}/methods/${part(selector)}`),
    senders: (selector) => get(`${base}/senders/${part(selector)}`),
    implementors: (selector) => get(`${base}/implementors/${part(selector)}`),
    processes: () => get(`${base}/processes`),
    object: (nameOrOop) => get(`${base}/objects/${part(nameOrOop)}`),
    journal: () => get(`${base}/journal`),
    surgery: (id) => get(`${base}/journal/${part(id)}`),
    diff: () => get(`${base}/diff`),
    applySurgery: (batchOrFileIn, label) =>
      post(`${base}/surgeries${label ? `?label=${part(label)}` : ''}`, batchOrFileIn),
    rollback: (surgeryId) => post(`${base}/surgeries/${part(surgeryId)}/rollback`),
    evaluate: (expression, sandbox = true) => post(`${base}/evaluate`, { expression, sandbox }),
    save: (name, overwrite) => post(`${base}/save`, { name, overwrite }),
    run: (milliseconds) => post(`${base}/run`, { milliseconds }),
    interrupt: () => post(`${base}/interrupt`),
  };
}
