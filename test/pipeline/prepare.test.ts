// What the pool prepares once for its pipeline workers (src/pipeline/prepare.ts): a worker primed
// with it compiles the language rules and the playbook's keywords without loading OpenCC's large
// to-Traditional dictionaries, and finds exactly what a thread that compiled them itself finds.
// Runs the compiled threads (dist/, as the service does): `npm run build` first.

import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/config/paths.js';
import { createAgentLanguageChecker } from '../../src/text/language/index.js';
import { keywordMatcher } from '../../src/policy/keywords.js';
import { resolveCallLanguage } from '../../src/text/language/script.js';
import { loadPlaybookFile } from '../../src/policy/store.js';
import { render } from '../../src/policy/render.js';
import type { Prepared } from '../../src/pipeline/prepare.js';

const dist = (p: string) => packagePath(`dist/src/${p}`);
// A bank's playbook may leave out zh-Hant: its Traditional calls then show the Simplified text converted.
const playbook = structuredClone(loadPlaybookFile(packagePath('playbooks/default.json')));
const FIRST_RULE = Object.keys(playbook.rules)[0]!;
delete (playbook.rules[FIRST_RULE]!.text as { 'zh-Hant'?: string })['zh-Hant'];
const jargon = [{ term: 'chargeback', plain: 'a refund request to the card network' }];
const AGENT_LINES = ['這個我們沒辦法處理，您稍後再打。', '这个我们没办法处理，您稍后再打', "There's nothing I can do about that, it's a chargeback."];
const CALLER_LINE = '我要投訴你們，找你們經理';

function prepareInThread(): Promise<Prepared> {
  return new Promise((resolve, reject) => {
    const w = new Worker(dist('pipeline/worker-prepare.js'), { workerData: { modelsDir: packagePath('models'), prosody: true, playbook, jargon } });
    w.once('message', (m: { ok?: Prepared; error?: string }) => (m.ok ? resolve(m.ok) : reject(new Error(m.error))));
    w.once('error', reject);
  });
}

/** A fresh thread primed with `prepared`: what it finds, and how many to-Traditional converters it loaded. */
function primedThread(prepared: Prepared): Promise<{ findings: unknown[]; keywords: string[]; prompt: string; loaded: number }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const lang = await import(${JSON.stringify(dist('text/language/index.js'))});
      const kw = await import(${JSON.stringify(dist('policy/keywords.js'))});
      const render = await import(${JSON.stringify(dist('policy/render.js'))});
      const cc = await import(${JSON.stringify(dist('text/opencc.js'))});
      const { prepared, playbook, jargon, agentLines, callerLine } = workerData;
      lang.primeScriptCache(prepared.scriptCache);
      lang.warmAgentLanguageRules(jargon);
      const findings = ['zh-TW', 'zh-HK', 'zh-CN', 'en-US'].map((l) => agentLines.map((t) => lang.createAgentLanguageChecker(l, { jargon }).check(t, true)));
      const keywords = kw.keywordMatcher(playbook, lang.resolveCallLanguage('zh-TW')).find('complaint', callerLine);
      const prompt = render.render(playbook.rules[workerData.firstRule].text, 'zh-HK');
      parentPort.postMessage({ findings, keywords, prompt, loaded: cc.loadedToTraditional() });
    })();`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { prepared, playbook, jargon, agentLines: AGENT_LINES, callerLine: CALLER_LINE, firstRule: FIRST_RULE } });
    w.once('message', (m) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

describe('prepared once for every pipeline worker', () => {
  it('lets a worker compile the rules and keywords without the to-Traditional dictionaries, with the same results', async () => {
    const prepared = await prepareInThread();
    expect(prepared.scriptCache.folded.length).toBeGreaterThan(0);
    expect(prepared.prosodyCheckedSha256).toMatch(/^[0-9a-f]{64}$/);

    const primed = await primedThread(prepared);
    expect(primed.loaded).toBe(0);

    // The same, compiled here from OpenCC itself.
    const findings = ['zh-TW', 'zh-HK', 'zh-CN', 'en-US'].map((l) => AGENT_LINES.map((t) => createAgentLanguageChecker(l, { jargon }).check(t, true)));
    expect(primed.findings).toEqual(findings);
    expect(findings.flat(2).length).toBeGreaterThan(0);
    expect(primed.keywords).toEqual(keywordMatcher(playbook, resolveCallLanguage('zh-TW')).find('complaint', CALLER_LINE));
    expect(primed.keywords.length).toBeGreaterThan(0);
    expect(primed.prompt).toBe(render(playbook.rules[FIRST_RULE]!.text, 'zh-HK'));
    expect(primed.prompt).not.toBe(render(playbook.rules[FIRST_RULE]!.text, 'zh-CN'));
  }, 120_000);
});
