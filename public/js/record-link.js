// @ts-check
// The wall's "call record" links (/v1/calls/:id, supervisors only). A plain link cannot carry the
// supervisor's token except in its URL, where it would land in history, so a click fetches the
// record with an Authorization header and saves it as a JSON file. Modified clicks (new tab, …)
// fall through to the plain link, which works where no tokens are configured.

/**
 * @param {HTMLElement} root where the links live (delegated: rows come and go)
 * @param {() => string | null} token
 * @param {(text: string) => void} note tells the supervisor when a record could not be fetched
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 */
export function wireRecordLinks(root, token, note, t) {
  root.addEventListener('click', (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest('a[data-hook="call-record"]') : null;
    if (!(link instanceof HTMLAnchorElement) || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    const callId = link.getAttribute('data-call-id') ?? 'call';
    const secret = token();
    void fetch(link.href, { cache: 'no-store', headers: secret ? { authorization: `Bearer ${secret}` } : {} })
      .then(async (res) => {
        if (!res.ok) {
          note(t('wall.recordError', { id: callId, status: res.status }));
          return;
        }
        const url = URL.createObjectURL(await res.blob());
        const save = document.createElement('a');
        save.href = url;
        save.download = `${callId}.json`;
        save.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        note('');
      })
      .catch(() => note(t('wall.recordError', { id: callId, status: 0 })));
  });
}
