// @ts-check
// Who this screen connects as. ?token= and ?agentId= in the page URL are kept in sessionStorage
// (this tab only) and the token is taken out of the address bar at once, so it does not linger in
// history, bookmarks or screenshots. Nothing here is ever logged.

/**
 * @typedef {object} Credentials
 * @property {string | null} token
 * @property {string | null} agentId
 * @property {string | null} callId   narrows the feed to one call
 * @property {string | null} lang     forces the UI language
 */

/**
 * @param {'agent' | 'supervisor'} page keeps the two screens' sign-ins apart in one tab
 * @param {Location} location @param {Storage} storage @param {History} history
 * @returns {Credentials}
 */
export function readCredentials(page, location, storage, history) {
  const url = new URL(location.href);
  const q = url.searchParams;
  const key = (/** @type {string} */ name) => `callcue.${page}.${name}`;
  for (const name of ['token', 'agentId']) {
    const v = q.get(name);
    if (v) storage.setItem(key(name), v);
  }
  if (q.has('token')) {
    q.delete('token');
    history.replaceState(history.state, '', url.pathname + (q.size ? `?${q}` : '') + url.hash);
  }
  return {
    token: storage.getItem(key('token')),
    agentId: storage.getItem(key('agentId')),
    callId: q.get('callId'),
    lang: q.get('lang'),
  };
}

/**
 * @param {'agent' | 'supervisor'} page @param {Storage} storage
 * @param {{ token: string | null, agentId: string | null }} creds
 */
export function saveCredentials(page, storage, creds) {
  for (const [name, v] of Object.entries(creds)) {
    if (v) storage.setItem(`callcue.${page}.${name}`, v);
    else storage.removeItem(`callcue.${page}.${name}`);
  }
}

/**
 * The feed's URL for these credentials on this page's origin (ws: or wss: to match http(s):).
 * @param {Credentials} creds @param {Location} location
 */
export function feedUrl(creds, location) {
  const q = new URLSearchParams();
  if (creds.token) q.set('token', creds.token);
  if (creds.agentId) q.set('agentId', creds.agentId);
  if (creds.callId) q.set('callId', creds.callId);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/v1/feed${q.size ? `?${q}` : ''}`;
}
