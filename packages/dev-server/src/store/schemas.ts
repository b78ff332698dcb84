// Every schema module of the store, applied in order at start. One line per domain.
import { ACCOUNTS_SCHEMA } from './schema-accounts';
import { CORE_SCHEMA } from './schema-core';
import { PASSKEYS_SCHEMA } from './schema-passkeys';
import { WEBHOOK_SCHEMA } from './schema-webhooks';

export const SCHEMAS: string[] = [CORE_SCHEMA, ACCOUNTS_SCHEMA, PASSKEYS_SCHEMA, WEBHOOK_SCHEMA];
