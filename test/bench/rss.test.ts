// RSS per added call as the bench reports it: a run's peak above idle per call, and the slope of
// peak RSS against calls over runs of several sizes.

import { describe, expect, it } from 'vitest';
import { rssAboveIdlePerCallMb, rssSlopeMbPerCall } from '../../bench/lib/rss.js';

describe('RSS per added call', () => {
  it("is one run's peak above its idle RSS, per call", () => {
    expect(rssAboveIdlePerCallMb({ calls: 100, serverRssMb: { max: 430 }, idleRssMb: 280 })).toBe(1.5);
    expect(rssAboveIdlePerCallMb({ calls: 100, serverRssMb: { max: 430 } })).toBeNull();
  });

  it('is the least-squares slope over runs of several sizes, and absent with one size', () => {
    const runs = [50, 100, 150].map((calls) => ({ calls, serverRssMb: { max: 300 + 1.2 * calls } }));
    expect(rssSlopeMbPerCall(runs)).toBeCloseTo(1.2, 10);
    expect(rssSlopeMbPerCall(runs.slice(0, 1))).toBeNull();
    expect(rssSlopeMbPerCall([runs[0]!, runs[0]!])).toBeNull();
  });
});
