export * from './native.js';
export * from './feed.js';
export { parseJsonMessage } from './parse.js';
