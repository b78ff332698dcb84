#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDevServer } from './start';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    'rate-limits': { type: 'boolean', default: false },
    origin: { type: 'string', multiple: true },
    'frontend-url': { type: 'string' },
    'rp-id': { type: 'string' },
    'api-key': { type: 'string' },
    'admin-password': { type: 'string' },
  },
});

if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
  console.warn(`[janua-dev] binding ${values.host}: the dev server is reachable from other machines`);
}

const server = await startDevServer({
  port: Number(values.port),
  host: values.host,
  dbPath: values.db,
  rateLimits: values['rate-limits'],
  origins: values.origin,
  frontendUrl: values['frontend-url'],
  rpId: values['rp-id'],
  apiKey: values['api-key'],
  adminPassword: values['admin-password'],
});
console.log(`Janua dev server ${server.url}`);
console.log(`API key  ${server.apiKey}`);
console.log(`Admin  ${server.admin.email} ${server.admin.password}`);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
