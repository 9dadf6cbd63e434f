// Transcript stage 2 (agent track, finals): the manual's language rules (§1–3, §5) — negative and
// vague wording, jargon, canned phrases, denial of feelings, requests for a password — and the good
// markers (politeness, greeting, confirming, closing). Runs on redacted text, so the spans it
// reports are spans of the text the screen shows.

import { defer, filter, map, type OperatorFunction } from 'rxjs';
import { createAgentLanguageChecker, type AgentLanguageOptions, type LanguageFinding } from '../text/language/index.js';
import type { RedactedTranscript } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';
import type { Metrics } from '../observability/metrics.js';

export interface LanguageResult {
  transcript: RedactedTranscript;
  findings: LanguageFinding[];
}

export function agentLanguage(metrics: Metrics, language: string, options: AgentLanguageOptions = {}): OperatorFunction<RedactedTranscript, LanguageResult> {
  return (source) =>
    defer(() => {
      const checker = createAgentLanguageChecker(language, options);
      return source.pipe(
        filter((t) => t.track === 'agent' && t.isFinal && !t.corrected),
        map((t) => ({ transcript: t, findings: metrics.time('agent-language', () => checker.check(t.text, true)) })),
      );
    });
}

export function toLanguageEvents(): OperatorFunction<LanguageResult, EventPayload> {
  return (source) =>
    source.pipe(
      filter(({ findings }) => findings.length > 0),
      map(
        ({ transcript: t, findings }): EventPayload => ({
          type: 'language',
          callId: t.callId,
          track: 'agent',
          text: t.text,
          startMs: t.startMs,
          endMs: t.endMs,
          findings,
          arrivalMs: t.arrivalMs,
        }),
      ),
    );
}
