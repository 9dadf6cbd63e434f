// Bring your own model end to end: a service started with CALLCUE_TEXT_MODEL and
// CALLCUE_VOICE_MODEL pointing at model directories made here streams a call whose emotion events
// come from those models and name them; a directory swapped while a call runs takes effect on that
// call without dropping it.

import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';
import { tempDir, textModelDir, voiceModelDir } from '../models/model-dirs.js';

const caller: BridgeTrack = { track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 };

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// In pipeline worker threads (the default), and on the main thread (CALLCUE_PIPELINE_WORKERS=0).
describe.each([1, 0])('plugged text and voice models in the live pipeline, %i pipeline workers', (pipelineWorkers) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const root = tempDir();
  roots.push(root);
  const textDir = textModelDir(join(root, 'text'));
  const voiceDir = voiceModelDir(join(root, 'voice'));
  // A second version of each, with other weights, to swap in.
  const textV2 = textModelDir(join(root, 'text-v2'), { seed: 7 });
  const voiceV2 = voiceModelDir(join(root, 'voice-v2'), { seed: 8 });
  beforeAll(async () => {
    server = await startTestServer({ textModel: textDir, voiceModel: voiceDir, voiceModelHopMs: 500, pipelineWorkers });
  });
  afterAll(async () => server.stop());

  it('emotion events come from the plugged models and name them; a swapped directory takes over the running call', async () => {
    const versions = server.app.callcue.plugged!.refs;
    const textV1 = versions.find((r) => r.kind === 'text')!.version;
    const voiceV1 = versions.find((r) => r.kind === 'voice')!.version;
    expect(textV1).toMatch(/^text@[0-9a-f]{12}$/);
    expect(voiceV1).toMatch(/^voice@[0-9a-f]{12}$/);

    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=agent-byom`);
    await feed.nextType('hello');
    const bridge = await openBridge(server.wsUrl);
    bridge.send(startMessage(`call-byom-${pipelineWorkers}`, 'agent-byom', [caller]));
    await bridge.nextType('started');

    const named = (kind: 'voice' | 'text', version: string) => feed.ofType('emotion').find((e) => (e.models as Record<string, string> | undefined)?.[kind] === version);
    // The caller talks a second at a time until the events show what is awaited, paced by media time
    // (the pipeline has judged a second before the next is sent). The bound is wall time, not media:
    // a swapped model is loaded in wall time, and on a busy machine that can outlast a minute of media
    // streamed faster than real time.
    let second = 0;
    const talkUntil = async (done: () => boolean) => {
      for (const until = performance.now() + 90_000; performance.now() < until && !done(); second++) {
        await streamAudio(bridge, 0, speechLike(1000, { pitchHz: 150 + (second % 5) * 10, rateSylPerS: 5, amplitude: 0.5 }, 8000, second), caller, 20, 20);
        bridge.send({ type: 'transcript', track: 'caller', text: `third time calling i have been waiting ${second}`, isFinal: true, startMs: second * 1000, endMs: second * 1000 + 900 });
        await feed.next((m) => m.type === 'emotion' && (m.tsMs as number) >= (second + 1) * 1000 - 300, 30_000, `the emotion state at ${second + 1} s`);
      }
    };
    await talkUntil(() => feed.ofType('emotion').some((e) => (e.models as Record<string, string> | undefined)?.text === textV1 && (e.models as Record<string, string>).voice === voiceV1));
    const both = feed.ofType('emotion').find((e) => (e.models as Record<string, string> | undefined)?.text === textV1 && (e.models as Record<string, string>).voice === voiceV1)!;
    expect(both).toBeDefined();
    expect(both.sources).toEqual(expect.arrayContaining(['prosody', 'text']));
    expect(Object.values(both.probs as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);

    // Swap both directories' contents while the call runs (as an operator copying a new export in).
    const reloaded = new Promise<void>((resolve) => {
      const seen = new Set<string>();
      server.app.callcue.plugged!.onReload((r) => {
        if (r.ok) seen.add(r.kind);
        if (seen.size === 2) resolve();
      });
    });
    cpSync(textV2, textDir, { recursive: true });
    cpSync(voiceV2, voiceDir, { recursive: true });
    await reloaded;
    const refs = server.app.callcue.plugged!.refs;
    const textNew = refs.find((r) => r.kind === 'text')!.version;
    const voiceNew = refs.find((r) => r.kind === 'voice')!.version;
    expect(textNew).not.toBe(textV1);
    expect(voiceNew).not.toBe(voiceV1);

    // The call goes on; the pipeline workers swap the new models in on their own, shortly after the
    // node validated them.
    await talkUntil(() => named('voice', voiceNew) !== undefined && named('text', textNew) !== undefined);
    expect(named('voice', voiceNew)).toBeDefined();
    expect(named('text', textNew)).toBeDefined();

    bridge.send({ type: 'stop' });
    expect(await bridge.nextType('stopped')).toMatchObject({ callId: `call-byom-${pipelineWorkers}`, reason: 'stop' });
    const ended = await feed.nextType('call.ended');
    expect(ended).toMatchObject({ callId: `call-byom-${pipelineWorkers}`, reason: 'stop' });
    await feed.close();
  }, 240_000);
});
