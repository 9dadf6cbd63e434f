// Published benchmark results: the figures the README and the demo take from the bench.
export { describeMachine, listPublished, measuredBusy, publishedCapacity, PUBLISHED_DIR, readPublished, writePublished } from './published.js';
export type { Capacity, Machine, Published } from './published.js';
