// Loads one of the pages' plain ES modules (public/js) under Node, for the tests of their pure
// logic. They are JavaScript checked by tsconfig.public.json, so the caller states the shape it
// uses; a missing export fails the test at the call.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../../src/config/paths.js';

export async function publicModule<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(join(PACKAGE_ROOT, 'public', 'js', name)).href)) as T;
}
