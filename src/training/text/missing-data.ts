// The error every text-corpus reader throws when a file of the shared data folder is not there, so
// the commands can say which path is missing and how to point them at the data.

export class MissingDataError extends Error {
  constructor(readonly path: string) {
    super(`training data not found: ${path} (pass --data DIR pointing at the shared data folder; see models/text-emotion.md)`);
  }
}
