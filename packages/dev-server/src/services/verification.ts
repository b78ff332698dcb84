import type { Dev } from '../context';
import { withToken } from './links';
import { issueOneTimeToken } from './one-time-tokens';
import { sendMessage } from './outbox';
import type { UserRow } from './users';

const HOUR = 3600_000;

/** Mails a verification link (48 h), as sign-up and resend do. */
export function sendVerificationEmail(dev: Dev, user: UserRow): void {
  const token = issueOneTimeToken(dev, 'verify_email', 48 * HOUR, { userId: user.id, email: user.email });
  sendMessage(dev, {
    channel: 'email',
    to: user.email,
    template: 'verify_email',
    subject: 'Verify your email address',
    token,
    link: withToken(`${dev.config.frontendUrl}/auth/verify-email`, token),
  });
}
