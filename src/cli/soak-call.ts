// One call of the soak: a native bridge streams a scripted stereo call (speech-like audio made
// here, transcript lines that raise prompts) to one node while the agent's feed watches from
// another; chaos decided up front may kill the bridge mid-call, drop the feed and reconnect it to
// any node, or slip malformed frames into the bridge's stream. It reports every prompt id the
// feeds were shown (as events or in a reconnect's call.state).

import WebSocket from 'ws';
import { encodeAudio } from '../codecs/pcm.js';

const RATE_HZ = 8000;
const CHUNK_MS = 20;

const CALLER_LINES = [
  "This is the third time I'm calling, I want to file a complaint!",
  'My card was charged twice and nobody has fixed it.',
  'Put me through to your manager right now.',
  'When will my refund arrive? I really need that money.',
  '我已经打了三次电话了，我要投诉你们！',
  'Hello, could you tell me when the branch opens on Saturday?',
  "If this isn't fixed I'm going to the financial ombudsman.",
];
const AGENT_LINES = [
  'Good morning, thank you for calling First Bank, my name is Anna.',
  "There's nothing I can do about that.",
  'Just to confirm, you were charged twice for the same purchase?',
  'Calm down, please.',
  'Is there anything else I can help you with? Thank you for calling.',
];

export interface SoakCallPlan {
  callId: string;
  bridgeUrl: string;
  /** Feed URLs to pick from (the first for the first connection). */
  feedUrls: string[];
  turns: number;
  speed: number;
  /** Kill the bridge's socket after this turn (no stop), or -1. */
  killAfterTurn: number;
  /** Drop the feed after this turn and reconnect it, or -1. */
  dropFeedAfterTurn: number;
  garbage: boolean;
  rand: () => number;
}

export interface SoakCallResult {
  callId: string;
  /** The node that ran the pipeline (and holds the record). */
  ownerUrl: string;
  started: boolean;
  promptIds: Set<string>;
  endedReason: string | null;
  killed: boolean;
  feedDropped: boolean;
  errorsAnswered: string[];
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Voiced, syllable-shaped sound at a speaker's pitch: enough for the prosody stages to work on. */
function speechLike(ms: number, pitchHz: number, seed: number): Float32Array {
  const n = Math.round((ms / 1000) * RATE_HZ);
  const x = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE_HZ;
    const env = Math.max(0, Math.sin(Math.PI * 4 * t + seed)) ** 2;
    phase += (2 * Math.PI * pitchHz * (1 + 0.08 * Math.sin(2 * t + seed))) / RATE_HZ;
    x[i] = 0.3 * env * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return x;
}

function audioMessage(track: number, samples: Float32Array): Uint8Array {
  const body = encodeAudio(samples, 'mulaw');
  const msg = new Uint8Array(body.length + 1);
  msg[0] = track;
  msg.set(body, 1);
  return msg;
}

/** Malformed frames a buggy bridge might send mid-call: each must be answered, none may end the call. */
function garbageFrames(rand: () => number): (string | Uint8Array)[] {
  const bytes = new Uint8Array(1 + Math.floor(rand() * 64)).map(() => Math.floor(rand() * 256));
  bytes[0] = 7; // no such track
  return ['{"type":"transcript"', '{"type":"nope"}', '[]', '{"type":"transcript","track":"caller","text":5,"isFinal":true,"startMs":0,"endMs":1}', bytes, new Uint8Array(0)];
}

export async function runSoakCall(plan: SoakCallPlan): Promise<SoakCallResult> {
  const agentId = `agent-${plan.callId}`;
  const result: SoakCallResult = {
    callId: plan.callId,
    ownerUrl: plan.bridgeUrl.replace(/^ws/, 'http'),
    started: false,
    promptIds: new Set(),
    endedReason: null,
    killed: false,
    feedDropped: false,
    errorsAnswered: [],
  };
  let ended: () => void = () => {};
  const endedP = new Promise<void>((r) => (ended = r));
  const watch = (ws: WebSocket) =>
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (m.type === 'prompt') result.promptIds.add(String(m.promptId));
      else if (m.type === 'call.state') for (const p of (m.prompts as { promptId: string }[]) ?? []) result.promptIds.add(p.promptId);
      else if (m.type === 'call.ended') {
        result.endedReason = String(m.reason);
        ended();
      }
    });
  const feedQuery = `/v1/feed?agentId=${agentId}&callId=${plan.callId}`;
  let feed = await open(`${plan.feedUrls[0]}${feedQuery}`);
  watch(feed);
  const bridge = await open(`${plan.bridgeUrl}/v1/stream`);
  const stopped = new Promise<void>((resolve) => {
    bridge.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (m.type === 'started') result.started = true;
      if (m.type === 'error') result.errorsAnswered.push(String(m.code));
      if (m.type === 'stopped') resolve();
    });
    bridge.on('close', () => resolve());
  });
  bridge.send(
    JSON.stringify({
      type: 'start',
      callId: plan.callId,
      agentId,
      language: 'en-US',
      tracks: [
        { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
        { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
      ],
    }),
  );
  const chunk = (RATE_HZ * CHUNK_MS) / 1000;
  let mediaMs = 0;
  try {
    for (let turn = 0; turn < plan.turns; turn++) {
      const who = turn % 2 === 0 ? 'agent' : 'caller';
      const ms = 1500 + Math.floor(plan.rand() * 2000);
      const voice = speechLike(ms, who === 'caller' ? 130 + plan.rand() * 60 : 190 + plan.rand() * 40, plan.rand() * 6);
      const t0 = performance.now();
      for (let k = 0, i = 0; i < voice.length; i += chunk, k++) {
        if (bridge.readyState !== WebSocket.OPEN) break;
        const slice = voice.subarray(i, i + chunk);
        const silence = new Float32Array(slice.length);
        bridge.send(audioMessage(0, who === 'caller' ? slice : silence));
        bridge.send(audioMessage(1, who === 'agent' ? slice : silence));
        const wait = t0 + ((k + 1) * CHUNK_MS) / plan.speed - performance.now();
        if (wait > 1) await sleep(wait);
      }
      if (plan.garbage && turn === 1) for (const f of garbageFrames(plan.rand)) bridge.send(f);
      const lines = who === 'caller' ? CALLER_LINES : AGENT_LINES;
      const text = lines[Math.floor(plan.rand() * lines.length)]!;
      if (bridge.readyState === WebSocket.OPEN) bridge.send(JSON.stringify({ type: 'transcript', track: who, text, isFinal: true, startMs: mediaMs, endMs: mediaMs + ms }));
      mediaMs += ms;
      if (turn === plan.dropFeedAfterTurn) {
        result.feedDropped = true;
        feed.terminate();
        await sleep(300 + plan.rand() * 1700);
        feed = await open(`${plan.feedUrls[Math.floor(plan.rand() * plan.feedUrls.length)]}${feedQuery}`);
        watch(feed);
      }
      if (turn === plan.killAfterTurn) {
        result.killed = true;
        bridge.terminate();
        break;
      }
    }
    if (!result.killed) bridge.send(JSON.stringify({ type: 'stop' }));
    await Promise.race([stopped, sleep(20_000)]);
    await Promise.race([endedP, sleep(10_000)]);
  } finally {
    bridge.terminate();
    feed.terminate();
  }
  return result;
}
