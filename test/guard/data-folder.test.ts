// The test suite never touches the user's data folder: every test and every service a test starts
// records into a temporary or in-memory database. This file runs after all the others (its own
// vitest project, a later group) and compares data/ with what it held before the run.

import { expect, inject, it } from 'vitest';
import { snapshotData, unexplainedChanges } from './data-folder.js';

it("leaves the user's data/ folder as the test run found it", () => {
  expect(unexplainedChanges(inject('dataBefore'), snapshotData())).toEqual([]);
});
