export { configSchema, type Config, type ConfigInput } from './schema.js';
export { loadConfig, parseConfig, ENV_SETTINGS } from './load.js';
export { PACKAGE_ROOT, packagePath } from './paths.js';
