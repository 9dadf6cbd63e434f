// The HTTP API for call records: one Fastify plugin (supervisors only).

export { callsApi, type CallsApiOptions } from './calls.js';
export { CSV_COLUMNS, MAX_EXPORT_ROWS, csvField } from './export.js';
export { ratesOf, withRates, type Rates } from './stats.js';
