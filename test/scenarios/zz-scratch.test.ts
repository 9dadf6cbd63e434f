import { it } from 'vitest';
import { loadScenarios, synthesizeScenario, espeakParams, speak, espeakInfo } from '../../src/scenarios/index.js';
import { createFrameAnalyzer, Framer, functionalIndex, windowFunctionals } from '../../src/features/index.js';
function measure(samples: Float32Array) {
  const analyzer = createFrameAnalyzer();
  const f = windowFunctionals(new Framer().push(samples).map((x) => analyzer.analyze(x)));
  return { p: f[functionalIndex('pitch_st_p50')]!.toFixed(1), sd: f[functionalIndex('pitch_st_std')]!.toFixed(1), db: f[functionalIndex('loudness_db_mean')]!.toFixed(1), syl: f[functionalIndex('syllables_per_s')]!.toFixed(2), s: (samples.length/8000).toFixed(2) };
}
it('prints', async () => {
  for (const v of ['en-us', 'cmn-latn-pinyin', 'yue']) for (const e of ['neutral','anger','anxiety','disappointment'] as const) {
    const line = v === 'en-us' ? 'I have been waiting for two weeks, nobody called me back, and I want this fixed today.' : '我已经等了两个星期，一直没有人给我回电话，今天必须给我解决。';
    const r = await speak(line, espeakParams(v, 'f3', 'caller', { emotion: e, intensity: 0.8 }));
    let peak = 0; for (const x of r.samples) peak = Math.max(peak, Math.abs(x));
    console.log(v, e, JSON.stringify(measure(r.samples)), 'peak', peak.toFixed(2));
  }
  for (const s of loadScenarios()) { const c = await synthesizeScenario(s); console.log(s.id, (c.durationMs/1000).toFixed(1), 's'); }
}, 300000);
