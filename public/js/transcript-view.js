// @ts-check
// The live transcript (already redacted by the server): finals, the current partial of each
// track, corrections marked. Stays scrolled to the newest line unless the reader scrolled up.

/** @typedef {import('./types.js').TranscriptEvent} TranscriptEvent */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';

/** Lines drawn: the rest is history the record keeps. */
const SHOWN = 60;

/**
 * @param {HTMLElement} list the scrolling <ol>
 * @param {readonly TranscriptEvent[]} transcript
 * @param {T} t
 * @param {boolean} agentIsMe whether the agent track is the viewer ("You") or someone else
 */
export function renderTranscript(list, transcript, t, agentIsMe) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  if (transcript.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, t('transcript.empty')));
    return;
  }
  replaceChildren(
    list,
    transcript.slice(-SHOWN).map((e) =>
      h(
        'li',
        { class: `line ${e.track}${e.isFinal ? '' : ' partial'}`, 'data-testid': 'transcript-line' },
        h('span', { class: 'speaker' }, t(e.track === 'caller' ? 'transcript.caller' : agentIsMe ? 'transcript.agent' : 'transcript.agentOther')),
        ' ',
        h('span', { class: 'words' }, e.text),
        !e.isFinal && h('span', { class: 'note' }, ` (${t('transcript.partial')})`),
        e.corrected && h('span', { class: 'note' }, ` (${t('transcript.corrected')})`),
        e.redacted.length > 0 && h('span', { class: 'note redacted' }, ` [${t('transcript.redacted', { kinds: e.redacted.join(', ') })}]`),
      ),
    ),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
}
