// Every schema module of the store, applied in order at start. One line per domain.
import { ACCOUNTS_SCHEMA } from './schema-accounts';
import { CORE_SCHEMA } from './schema-core';
import { ENTERPRISE_SCHEMA } from './schema-enterprise';

export const SCHEMAS: string[] = [CORE_SCHEMA, ACCOUNTS_SCHEMA, ENTERPRISE_SCHEMA];
