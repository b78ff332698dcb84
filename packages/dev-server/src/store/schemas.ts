// Every schema module of the store, applied in order at start. One line per domain.
import { ACCOUNTS_SCHEMA } from './schema-accounts';
import { CORE_SCHEMA } from './schema-core';
import { ENTERPRISE_SCHEMA } from './schema-enterprise';
import { MFA_SCHEMA } from './schema-mfa';
import { ORGS_SCHEMA } from './schema-orgs';
import { PASSKEYS_SCHEMA } from './schema-passkeys';
import { WEBHOOK_SCHEMA } from './schema-webhooks';

export const SCHEMAS: string[] = [
  CORE_SCHEMA,
  ACCOUNTS_SCHEMA,
  ORGS_SCHEMA,
  MFA_SCHEMA,
  PASSKEYS_SCHEMA,
  WEBHOOK_SCHEMA,
  ENTERPRISE_SCHEMA,
];
