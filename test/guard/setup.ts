// Global setup of the test run: notes what the user's data/ folder holds before any test starts,
// for the guard (data-folder.test.ts) that runs after every other test file.

import type { TestProject } from 'vitest/node';
import { snapshotData, type DataSnapshot } from './data-folder.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dataBefore: DataSnapshot;
  }
}

export default function setup(project: TestProject): void {
  project.provide('dataBefore', snapshotData());
}
