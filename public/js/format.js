// @ts-check
// Small shared formatters.

/** mm:ss (or h:mm:ss) of a duration. @param {number} ms */
export function clockDuration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * The connection status in words.
 * @param {import('./feed-client.js').FeedStatus} status
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 */
export function statusText(status, t) {
  switch (status.state) {
    case 'live':
      return `● ${t('conn.live')}`;
    case 'retry':
      return `○ ${t('conn.retry', { s: Math.max(1, Math.round(status.inMs / 1000)) })}`;
    case 'refused':
      return `✖ ${t('conn.refused')}`;
    case 'stopped':
      return `○ ${t('conn.signin')}`;
    default:
      return `◌ ${t('conn.connecting')}`;
  }
}
