// The same HTTP API any client uses. The bearer token lives in sessionStorage: this origin only, gone with the tab,
// never sent automatically (no cookies, so no cross-site request can use it).

const TOKEN = 'colorpix.token';
const USER = 'colorpix.user';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  user: () => JSON.parse(sessionStorage.getItem(USER) ?? 'null'),
  start(token, user) {
    sessionStorage.setItem(TOKEN, token);
    this.remember(user);
  },
  remember: (user) => sessionStorage.setItem(USER, JSON.stringify(user)),
  end() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  },
};

/** A refusal a person can act on: the API's ProblemDetails `detail`, or what to do next. */
export class ApiError extends Error {
  constructor(status, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** Calls the API. `json` sends a JSON body, `form` a url-encoded form, `body` anything fetch takes (FormData).
 *  Returns the parsed JSON (null for 204), or the Response itself with `raw`. */
export async function request(path, { method = 'GET', json, form, body, raw = false } = {}) {
  const headers = {};
  if (!raw) headers.Accept = 'application/json';
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  if (form) payload = new URLSearchParams(form);

  let response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'The service could not be reached, or it cut the upload off because the file is too large. ' +
      'Check the file and your connection, then try again.');
  }
  if (response.status === 401 && token) {
    session.end();
    dispatchEvent(new CustomEvent('session-expired'));
    throw new ApiError(401, 'Your session has expired: please log in again.');
  }
  if (!response.ok) throw await problemOf(response);
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  let problem = {};
  try { problem = await response.json(); } catch { /* not a ProblemDetails body */ }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  if (response.status === 429) {
    return new ApiError(429, `Too many requests: try again in ${retryAfter ?? 60} s.`, retryAfter);
  }
  let message = problem.detail || problem.title || `The service answered ${response.status} ${response.statusText}.`;
  message = message.charAt(0).toUpperCase() + message.slice(1);
  if (!/[.!?]$/.test(message)) message += '.';
  if (response.status === 503 && retryAfter) message += ` Try again in ${retryAfter} s.`;
  return new ApiError(response.status, message, retryAfter);
}

/** Signs in with the OAuth2 password form, then loads the account (is it an admin? its settings). */
export async function logIn(username, password) {
  const token = await request('/token', { method: 'POST', form: { username, password } });
  session.start(token.access_token, null);
  session.remember(await request('/user'));
}

export const modelNames = { autoencoder: 'AutoEncoder', pix2pix: 'Pix2Pix' };
