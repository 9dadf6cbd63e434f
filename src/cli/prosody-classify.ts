// `callcue classify-audio FILE.wav… [--channel N] [--segments] [--session] [--language TAG] [--models DIR]`:
// one JSON line per file {"file","label","probs","durationMs"} (+ "segments" with --segments).
// --session treats the files as one caller in the given order: each is measured against a
// baseline built from the earlier files only. --language gives the recording's language (a
// BCP-47 tag, as a call's): in a language the model was not validated on, nothing is judged.
// A file with no verdict has label null and a "note" saying why. A file that fails prints
// {"file","error"} and the rest still run; the exit code is then 1.

import { loadProsodyModel } from '../classifiers/prosody.js';
import { classifyRecording, type RecordingResult } from '../classifiers/prosody-recording.js';
import { VoiceJudge } from '../classifiers/voice-judge.js';
import { CallcueError, ErrorCodes } from '../errors.js';
import { SpeakerBaseline } from '../features/index.js';
import { loadWav } from '../training/wav.js';
import { intFlag, modelsDir, parseProsodyArgs } from './prosody-args.js';
import { classifyAudioWithModel } from './plugged-voice.js';

const USAGE =
  'usage: callcue classify-audio FILE.wav… [--channel N] [--segments] [--session] [--language TAG] [--models DIR]\n       callcue classify-audio FILE.wav… [--channel N] --model DIR   (a plugged model, docs/models.md)';

/** Why a recording got no label. */
function noteOf(result: RecordingResult, language: string | null): string {
  if (result.abstained.language > 0) return `the model is not validated for language "${language}"`;
  if (result.abstained.unfamiliar > 0) return 'does not sound like the human speech the model was trained on (synthetic voice, music, noise or tones): not judged';
  return 'not enough speech to judge';
}

function errorOf(err: unknown): { code: string; message: string } {
  if (err instanceof CallcueError) return { code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { code: ErrorCodes.FILE_NOT_FOUND, message: 'no such file' };
  if (e?.code === 'EISDIR') return { code: ErrorCodes.BAD_AUDIO, message: 'is a directory, not a WAV file' };
  if (e?.code === 'EACCES') return { code: ErrorCodes.FILE_NOT_READABLE, message: 'permission denied' };
  return { code: ErrorCodes.INTERNAL, message: e instanceof Error ? e.message : String(err) };
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

export async function runClassifyAudio(argv: string[]): Promise<number> {
  const args = parseProsodyArgs(argv, ['channel', 'models', 'model', 'language'], ['segments', 'session', 'help']);
  if (args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Channel 0 is the caller in callcue's stereo recordings.
  const channel = intFlag(args, 'channel', 0);
  if (args.errors.length > 0 || args.positional.length === 0) {
    process.stderr.write(`${args.errors.length > 0 ? `${args.errors.join('\n')}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const plugged = args.flags.get('model');
  if (plugged !== undefined) return classifyAudioWithModel(plugged, args.positional, channel, process.stdout);
  const dir = modelsDir(args);
  const model = await loadProsodyModel(dir);
  if (!model) {
    process.stderr.write(`classify-audio: no prosody model in ${dir}; run "callcue train-prosody" first\n`);
    return 2;
  }
  const withSegments = args.flags.has('segments');
  const language = args.flags.get('language') ?? null;
  const session = args.flags.has('session') ? { baseline: new SpeakerBaseline(), judge: new VoiceJudge(model, language) } : null;
  let failed = 0;
  for (const file of args.positional) {
    try {
      // A file with fewer channels than asked for is an error; mono files ignore --channel 0.
      const audio = loadWav(file, channel);
      const result = classifyRecording(audio.samples, model, session?.baseline ?? new SpeakerBaseline(), undefined, session?.judge ?? new VoiceJudge(model, language));
      const probs = result.probs && Object.fromEntries(Object.entries(result.probs).map(([k, v]) => [k, round(v)]));
      const line: Record<string, unknown> = { file, label: result.label, probs, durationMs: Math.round(audio.durationMs) };
      if (result.label === null) line.note = noteOf(result, language);
      if (withSegments) {
        line.segments = result.segments.map((s) => ({
          startMs: s.startMs,
          endMs: s.endMs,
          label: s.label,
          probs: Object.fromEntries(Object.entries(s.probs).map(([k, v]) => [k, round(v)])),
        }));
      }
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`${JSON.stringify({ file, error: errorOf(err) })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
