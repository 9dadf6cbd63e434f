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

/**
 * Why a call ended, in words (the server's reason codes; a bridge's own reason is shown as sent).
 * @param {string} reason @param {(key: string) => string} t
 */
export function endReason(reason, t) {
  const key = `reason.${reason}`;
  const said = t(key);
  return said === key ? reason : said;
}

/**
 * A call's language tag as a name in the UI's language ("zh-CN" → 中文（中国） / Chinese (China)).
 * @param {string} tag @param {(key: string) => string} t
 */
export function languageName(tag, t) {
  try {
    return new Intl.DisplayNames([t('locale')], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
