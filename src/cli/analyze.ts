// `callcue analyze CALL.wav [--transcript T.json]`: offline QA of a recording (stereo: channel 0
// caller, 1 agent; mono with a transcript works too). Runs the live pipeline faster than real time
// and prints one JSON line: the call id, the QA scorecard and how fast it ran (or the whole record).
// It stores the record only where --db says: never in CALLCUE_DB_URL's database by default, which
// is a running service's.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { CallcueError } from '../errors.js';
import { analyzeRecording } from '../offline/analyze.js';
import { parseTranscript } from './replay-args.js';
import { readWav } from './wav.js';

const USAGE = `usage: callcue analyze CALL.wav [--transcript T.json] [--db URL] [--call ID] [--agent ID]
         [--language en-US] [--mono-track caller|agent] [--record]
  CALL.wav: stereo (channel 0 caller, 1 agent) or mono, any rate/encoding.
  T.json: [{"track":"caller"|"agent","text","isFinal","startMs","endMs"}, …] (as for callcue replay).
  Prints {"callId","durationMs","speedX","score","scorecard","prompts"}; --record prints the whole
  call record instead. The record is stored nowhere unless --db URL names a database
  (sqlite:///abs/path.db, postgres://…): CALLCUE_DB_URL is the service's and is not used. Given a
  service's database, analyze adds its own record (source "offline") and touches nothing else.
`;

export async function runAnalyze(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        transcript: { type: 'string' },
        db: { type: 'string' },
        call: { type: 'string' },
        agent: { type: 'string', default: 'offline' },
        language: { type: 'string', default: 'en-US' },
        'mono-track': { type: 'string', default: 'caller' },
        record: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`callcue analyze: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file] = args.positionals;
  if (!file || args.positionals.length !== 1 || (v['mono-track'] !== 'caller' && v['mono-track'] !== 'agent')) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const config = loadConfig(process.env);
    const wav = readWav(file);
    const transcript = v.transcript ? parseTranscript(readFileSync(v.transcript, 'utf8')) : [];
    const r = await analyzeRecording(config, {
      channels: wav.channels,
      sampleRateHz: wav.sampleRateHz,
      transcript,
      ...(v.call ? { callId: v.call } : {}),
      agentId: v.agent!,
      language: v.language!,
      monoTrack: v['mono-track'] as 'caller' | 'agent',
    }, v.db ? { dbUrl: v.db } : {});
    if (!r.record) throw new CallcueError('INTERNAL', 'the call record was not written');
    const speedX = Math.round((r.mediaMs / r.elapsedMs) * 10) / 10;
    const out = v.record
      ? r.record
      : { file, callId: r.record.callId, durationMs: Math.round(r.mediaMs), speedX, score: r.record.score, scorecard: r.record.scorecard, prompts: r.record.prompts.map((p) => p.rule) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    process.stdout.write(`${JSON.stringify({ file, error: { code: e instanceof CallcueError ? e.code : e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INTERNAL', message: e.message } })}\n`);
    return 1;
  }
}
