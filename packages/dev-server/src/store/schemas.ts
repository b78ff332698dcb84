// Every schema module of the store, applied in order at start. One line per domain.
import { CORE_SCHEMA } from './schema-core';
import { MFA_SCHEMA } from './schema-mfa';
import { ORGS_SCHEMA } from './schema-orgs';

export const SCHEMAS: string[] = [CORE_SCHEMA, ORGS_SCHEMA, MFA_SCHEMA];
