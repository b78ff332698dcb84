import { randomUUID } from 'node:crypto';
import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';

export type OutboxTemplate =
  | 'verify_email'
  | 'password_reset'
  | 'magic_link'
  | 'invitation'
  | 'mfa_recovery'
  | 'mfa_code';

/** Stores a mail or SMS instead of sending it (§7.2). */
export function sendMessage(
  dev: Dev,
  msg: {
    channel: 'email' | 'sms';
    to: string;
    template: OutboxTemplate;
    subject?: string | null;
    token?: string | null;
    code?: string | null;
    link?: string | null;
  },
): void {
  sql(
    dev.db,
    'INSERT INTO outbox (id, channel, recipient, template, subject, token, code, link, created_at) VALUES (?,?,?,?,?,?,?,?,?)',
  ).run(
    randomUUID(),
    msg.channel,
    msg.to,
    msg.template,
    msg.subject ?? null,
    msg.token ?? null,
    msg.code ?? null,
    msg.link ?? null,
    dev.clock.now(),
  );
}

interface Row {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  subject: string | null;
  token: string | null;
  code: string | null;
  link: string | null;
  created_at: number;
}

export interface OutboxFilter {
  to?: string;
  channel?: string;
  template?: string;
  since?: number;
}

/** Messages newest first, as `GET /__dev/outbox` returns them. */
export function listMessages(dev: Dev, filter: OutboxFilter = {}) {
  const rows = sql(
    dev.db,
    `SELECT * FROM outbox WHERE (?1 IS NULL OR lower(recipient) = lower(?1)) AND (?2 IS NULL OR channel = ?2)
     AND (?3 IS NULL OR template = ?3) AND (?4 IS NULL OR created_at >= ?4) ORDER BY seq DESC`,
    // Numbered parameters bind by key in better-sqlite3: positional values would be "too many".
  ).all({
    1: filter.to ?? null,
    2: filter.channel ?? null,
    3: filter.template ?? null,
    4: filter.since ?? null,
  }) as Row[];
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    created_at: iso(r.created_at),
    template: r.template,
    subject: r.subject,
    token: r.token,
    code: r.code,
    link: r.link,
  }));
}
