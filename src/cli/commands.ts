// The command table: each entry names the module that implements it, imported only when used, so
// `callcue classify-text` does not pay for the server and `serve` does not load training code.

export interface Command {
  summary: string;
  /** Resolves to the exit code, or -1 for a command that keeps running (serve). */
  run: (argv: string[]) => Promise<number>;
}

const SERVE_USAGE = `usage: callcue serve
  Starts the service (as npm start does). It takes no options: every setting comes from the
  environment (PORT, HOST, CALLCUE_*) or the JSON file CALLCUE_CONFIG names; the README lists them.
`;

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'start the service (PORT, HOST, CALLCUE_* settings)',
    run: async (argv) => {
      if (argv.length > 0) {
        const help = argv.includes('--help');
        (help ? process.stdout : process.stderr).write(`${help ? '' : `callcue serve: unexpected argument "${argv[0]}"\n\n`}${SERVE_USAGE}`);
        return help ? 0 : 2;
      }
      await import('../main.js');
      return -1;
    },
  },
  'train-prosody': {
    summary: 'train the prosody emotion model from labelled speech (--data DIR)',
    run: async (argv) => (await import('./prosody-train.js')).runTrainProsody(argv),
  },
  'eval-prosody': {
    summary: 'leave-speakers-out evaluation of the prosody model through a telephone channel (--data DIR)',
    run: async (argv) => (await import('./prosody-eval.js')).runEvalProsody(argv),
  },
  'classify-audio': {
    summary: 'label WAV files by the caller\'s voice: one JSON line per file (--channel N, --segments, --session)',
    run: async (argv) => (await import('./prosody-classify.js')).runClassifyAudio(argv),
  },
  'train-text': {
    summary: 'train the text emotion model from the shared corpora (--data DIR, --custom FILE.tsv)',
    run: async (argv) => (await import('./text-train.js')).runTrainText(argv),
  },
  'eval-text': {
    summary: 'evaluate the text emotion model on the dev splits (--data DIR, --baseline)',
    run: async (argv) => (await import('./text-eval.js')).runEvalText(argv),
  },
  'classify-text': {
    summary: 'label utterances from stdin, one per line (--lang zh|en): {"text","label","probs"}',
    run: async (argv) => (await import('./text-classify.js')).runClassifyText(argv),
  },
  'eval-calls': {
    summary: 'stream the scenario calls through a live node; onset delay, false onsets, prompt timing (--data DIR for recorded callers)',
    run: async (argv) => (await import('./calls-eval.js')).runEvalCalls(argv),
  },
  soak: {
    summary: 'stream calls through callcue nodes for --minutes N while killing bridges and feeds; check nothing is lost',
    run: async (argv) => (await import('./soak.js')).runSoak(argv),
  },
  demo: {
    summary: 'play the scripted training calls (manual §6) into callcue on loopback (--port, --calls, --speed, --once, --check)',
    run: async (argv) => (await import('./demo.js')).runDemo(argv),
  },
  analyze: {
    summary: 'offline QA of a recording: the live pipeline on a WAV (+ transcript), record and scorecard',
    run: async (argv) => (await import('./analyze.js')).runAnalyze(argv),
  },
  replay: {
    summary: 'stream a WAV to a running callcue over twilio|audiohook|fork|native',
    run: async (argv) => (await import('./replay.js')).runReplay(argv),
  },
};
