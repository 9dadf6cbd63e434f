// `callcue soak` (npm run soak): hours of traffic in minutes. Starts callcue nodes (sharing a
// throwaway redis-server when there are two or more), streams calls through them without pause
// while it kills bridges, drops and reconnects feeds and sends malformed frames, then checks that
// nothing was lost — every prompt the pipelines emitted (callcue_prompts_total, summed over nodes)
// was delivered to a feed or stored in its call's record (GET /v1/calls/:id on the owning node) —
// and that each node's memory stayed flat. Prints a table and JSON; exits 1 when a check fails.

import { mkdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSoakArgs, seededRandom, SOAK_USAGE, SoakUsageError, type SoakOptions } from './soak-args.js';
import { runSoakCall, type SoakCallResult } from './soak-call.js';
import { emptyTally, hostileVisit } from './soak-hostile.js';
import { judgeMemory, rssMbOf, type RssSample } from './soak-memory.js';
import { spawnNode, type NodeProcess } from './soak-node.js';
import { startRedis, type RedisProcess } from './soak-redis.js';
import { checkPrompts, soakTable } from './soak-report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RSS_EVERY_MS = 5000;

export async function runSoak(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(SOAK_USAGE);
    return 0;
  }
  let opts: SoakOptions;
  try {
    opts = parseSoakArgs(argv);
  } catch (err) {
    process.stderr.write(`callcue soak: ${(err as Error).message}\n\n${SOAK_USAGE}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'callcue-soak-'));
  let redis: RedisProcess | null = null;
  const nodes: NodeProcess[] = [];
  try {
    if (opts.nodes > 1) redis = await startRedis();
    for (let i = 0; i < opts.nodes; i++) {
      nodes.push(
        await spawnNode({
          CALLCUE_LOG_LEVEL: 'warn',
          CALLCUE_DB_URL: `sqlite://${join(dir, `node-${i}.db`)}`,
          CALLCUE_MAX_CALLS: '2000',
          CALLCUE_MAX_CALLS_PER_KEY: '2000',
          CALLCUE_MAX_MESSAGES_PER_SECOND: String(opts.maxMessagesPerSecond),
          ...(redis ? { CALLCUE_BUS_URL: redis.url } : {}),
        }, opts.heapMb > 0 ? { nodeArgs: [`--max-old-space-size=${opts.heapMb}`] } : {}),
      );
    }
    process.stderr.write(`soak: ${opts.nodes} node(s)${redis ? ` on ${redis.url}` : ''}${opts.heapMb ? `, heap ${opts.heapMb} MB` : ''}, ${opts.concurrency} calls at a time, ${opts.minutes} min\n`);
    return await soak(opts, nodes);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function soak(opts: SoakOptions, nodes: NodeProcess[]): Promise<number> {
  const rand = seededRandom(opts.seed);
  const t0 = Date.now();
  const deadline = t0 + opts.minutes * 60_000;
  const rss = nodes.map(() => [] as RssSample[]);
  const sampleRss = () =>
    nodes.forEach((n, i) => {
      const mb = rssMbOf(n.proc.pid!);
      if (mb !== null) rss[i]!.push({ tS: (Date.now() - t0) / 1000, rssMb: mb });
    });
  sampleRss();
  const rssTimer = setInterval(sampleRss, RSS_EVERY_MS);

  const calls: SoakCallResult[] = [];
  let callN = 0;
  const worker = async (w: number) => {
    while (Date.now() < deadline) {
      const k = callN++;
      const bridgeNode = nodes[k % nodes.length]!;
      const feedNode = nodes[(k + 1) % nodes.length]!;
      const turns = 4 + Math.floor(rand() * 5);
      try {
        calls.push(
          await runSoakCall({
            callId: `soak-${opts.seed}-${k}`,
            bridgeUrl: bridgeNode.wsUrl,
            feedUrls: [feedNode.wsUrl, ...nodes.map((n) => n.wsUrl)],
            turns,
            speed: opts.speed,
            killAfterTurn: rand() < opts.killBridge ? 1 + Math.floor(rand() * (turns - 2)) : -1,
            dropFeedAfterTurn: rand() < opts.dropFeed ? Math.floor(rand() * (turns - 1)) : -1,
            garbage: rand() < opts.garbage,
            rand,
          }),
        );
      } catch (err) {
        process.stderr.write(`soak: worker ${w}: call ${k} failed: ${(err as Error).message}\n`);
        await sleep(500);
      }
    }
  };
  const tally = emptyTally();
  const hostile = async () => {
    if (opts.hostilePerMinute <= 0) return;
    const everyMs = 60_000 / opts.hostilePerMinute;
    while (Date.now() < deadline) {
      await hostileVisit(nodes[Math.floor(rand() * nodes.length)]!.wsUrl, rand, tally);
      await sleep(everyMs);
    }
  };
  const progress = setInterval(() => {
    const min = ((Date.now() - t0) / 60_000).toFixed(1);
    process.stderr.write(`soak: ${min} min, ${calls.length} calls done, rss ${rss.map((r) => r.at(-1)?.rssMb ?? '?').join(' / ')} MB\n`);
  }, 30_000);
  await Promise.all([...Array.from({ length: opts.concurrency }, (_, w) => worker(w)), hostile()]);
  clearInterval(progress);
  clearInterval(rssTimer);
  sampleRss();

  // Let the recorders write the last batches, then count.
  await sleep(1500);
  const alive = await Promise.all(nodes.map(async (n) => (await fetch(`${n.url}/healthz`).catch(() => null))?.ok === true));
  const prompts = await checkPrompts(nodes, calls);
  const memory = rss.map((s) => judgeMemory(s));
  const endedReasons: Record<string, number> = {};
  for (const c of calls) endedReasons[c.endedReason ?? 'not seen'] = (endedReasons[c.endedReason ?? 'not seen'] ?? 0) + 1;
  const report = {
    at: new Date().toISOString(),
    options: opts,
    durationMin: Math.round(((Date.now() - t0) / 60_000) * 100) / 100,
    calls: {
      total: calls.length,
      refused: calls.filter((c) => !c.started).length,
      bridgesKilled: calls.filter((c) => c.killed).length,
      feedsDropped: calls.filter((c) => c.feedDropped).length,
      withMalformedFrames: calls.filter((c) => c.errorsAnswered.length > 0).length,
      endedReasons,
    },
    prompts,
    hostile: tally,
    memory,
    /** Every RSS sample of each node, MB, RSS_EVERY_MS apart. */
    rssMb: rss.map((s) => s.map((x) => x.rssMb)),
    nodesAlive: alive,
  };
  const pass = prompts.lost === 0 && prompts.emitted > 0 && memory.every((m) => m.flat) && alive.every(Boolean) && report.calls.refused === 0;
  const full = { ...report, pass };
  process.stdout.write(`\n${soakTable(full)}\n`);
  mkdirSync(opts.out, { recursive: true });
  const file = join(opts.out, `soak-${full.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(full, null, 2));
  process.stdout.write(`${JSON.stringify(full)}\nwritten to ${file}\n`);
  return pass ? 0 : 1;
}
