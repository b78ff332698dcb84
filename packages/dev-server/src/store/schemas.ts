// Every schema module of the store, applied in order at start. One line per domain.
import { CORE_SCHEMA } from './schema-core';
import { PASSKEYS_SCHEMA } from './schema-passkeys';

export const SCHEMAS: string[] = [CORE_SCHEMA, PASSKEYS_SCHEMA];
