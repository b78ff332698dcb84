export type { DevConfig } from './context';
export type { OutboxFilter } from './services/outbox';
export type { LoggedRequest } from './services/request-log';
export { type DevServer, type DevServerOptions, startDevServer } from './start';
