// POST /v1/twilio/transcriptions — Twilio Real-Time Transcription status callbacks (docs/transcripts.md).
// Each callback is verified (X-Twilio-Signature over the URL Twilio called, with the auth token in
// CALLCUE_TWILIO_AUTH_TOKEN) before anything is read from it; its words then go to the words router
// like the side channel's, named by CallSid, sent by the Twilio account that signed them, and
// placed on the call's media timeline from their wall-clock Timestamp (words/wall-timing.ts).
// Answers: 204 taken; 4xx with {"type":"error","code","message"} otherwise — Twilio does not retry
// a 4xx, and retries 429 and 5xx, which are answered only when a retry can succeed.

import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CallcueError, ErrorCodes, type ErrorCode } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { TWILIO_TRACK_ROLE } from '../codecs/twilio.js';
import { transcriptionCallbackSchema, transcriptionContentSchema, transcriptionDataSchema } from '../protocol/twilio-transcription.js';
import { verifyTwilioSignature, type FormParams } from './twilio-signature.js';

export const TWILIO_TRANSCRIPTIONS_PATH = '/v1/twilio/transcriptions';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCodes.FORBIDDEN]: 403,
  [ErrorCodes.UNKNOWN_CALL]: 404,
  [ErrorCodes.CALL_ENDED]: 410,
  [ErrorCodes.FRAME_TOO_LARGE]: 413,
  [ErrorCodes.RATE_LIMITED]: 429,
  [ErrorCodes.SHUTTING_DOWN]: 503,
  [ErrorCodes.INTERNAL]: 500,
};

function parseForm(body: string): FormParams {
  const out: FormParams = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const have = out[k];
    out[k] = have === undefined ? v : Array.isArray(have) ? [...have, v] : [have, v];
  }
  return out;
}

/** The URL Twilio requested: CALLCUE_PUBLIC_URL + path behind a proxy, else the request's own. */
function calledUrl(req: FastifyRequest, publicUrl: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '') + req.url;
  return `${req.protocol}://${req.headers.host ?? req.hostname}${req.url}`;
}

function issueText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const i = issues[0]!;
  return `${i.path.map(String).join('.') || 'form'}: ${i.message}`;
}

export const twilioTranscriptionsIngest: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { words, metrics, config, logger } = app.callcue;

  const reject = (reply: FastifyReply, e: CallcueError) => {
    metrics.errors.inc({ code: e.code });
    return reply.code(STATUS[e.code] ?? 400).send({ type: 'error', code: e.code, message: e.message });
  };

  // Twilio posts forms only: in this plugin every other body type is refused (415, answered below).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: config.maxMessageBytes }, (_req, body, done) =>
    done(null, parseForm(body as string)),
  );
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err.statusCode === 413) return reject(reply, new CallcueError(ErrorCodes.FRAME_TOO_LARGE, `a callback over ${config.maxMessageBytes} bytes was ignored`));
    if (err.statusCode === 415) return reject(reply, new CallcueError(ErrorCodes.INVALID_MESSAGE, 'Twilio callbacks are application/x-www-form-urlencoded'));
    if (err.statusCode && err.statusCode < 500) return reject(reply, new CallcueError(ErrorCodes.INVALID_MESSAGE, 'the callback could not be read'));
    logger.error({ err: err.message }, 'twilio transcription callback failure');
    return reject(reply, new CallcueError(ErrorCodes.INTERNAL, 'internal error'));
  });

  app.post(TWILIO_TRANSCRIPTIONS_PATH, async (req, reply) => {
    const arrivalMs = nowMs();
    const params: FormParams = req.body && typeof req.body === 'object' ? (req.body as FormParams) : {};
    const signature = req.headers['x-twilio-signature'];
    if (!config.twilioAuthToken) return reject(reply, new CallcueError(ErrorCodes.FORBIDDEN, 'CALLCUE_TWILIO_AUTH_TOKEN is not set: no callback can be verified'));
    if (!verifyTwilioSignature(config.twilioAuthToken, calledUrl(req, config.publicUrl), params, typeof signature === 'string' ? signature : undefined)) {
      return reject(reply, new CallcueError(ErrorCodes.FORBIDDEN, signature ? 'X-Twilio-Signature does not match' : 'X-Twilio-Signature is missing'));
    }
    const head = transcriptionCallbackSchema.safeParse(params);
    if (!head.success) return reject(reply, new CallcueError(ErrorCodes.INVALID_MESSAGE, issueText(head.error.issues)));
    const cb = head.data;
    if (cb.TranscriptionEvent === 'transcription-error') {
      // Twilio's own failure: counted and logged by call only (its text could carry caller data).
      logger.warn({ callSid: cb.CallSid, transcriptionSid: cb.TranscriptionSid }, 'twilio reported a transcription error');
      return reply.code(204).send();
    }
    if (cb.TranscriptionEvent !== 'transcription-content') return reply.code(204).send();

    const content = transcriptionContentSchema.safeParse(params);
    if (!content.success) return reject(reply, new CallcueError(ErrorCodes.INVALID_MESSAGE, issueText(content.error.issues)));
    const c = content.data;
    let data: unknown;
    try {
      data = JSON.parse(c.TranscriptionData);
    } catch {
      return reject(reply, new CallcueError(ErrorCodes.MALFORMED_JSON, 'TranscriptionData is not valid JSON'));
    }
    const td = transcriptionDataSchema.safeParse(data);
    if (!td.success) return reject(reply, new CallcueError(ErrorCodes.INVALID_MESSAGE, `TranscriptionData.${issueText(td.error.issues)}`));

    const outcome = await words.deliver({
      sender: { twilioAccountSid: cb.AccountSid },
      call: { bridge: 'twilio', id: cb.CallSid },
      words: {
        track: TWILIO_TRACK_ROLE[c.Track === 'inbound_track' ? 'inbound' : 'outbound'],
        text: td.data.transcript,
        isFinal: c.Final === 'true',
        timing: { kind: 'wall', atWallMs: Date.parse(c.Timestamp), sequence: Number(c.SequenceId), stream: cb.TranscriptionSid ?? '' },
      },
      arrivalMs,
    });
    if (!outcome.ok) return reject(reply, new CallcueError(outcome.code, outcome.message));
    return reply.code(204).send();
  });
};
