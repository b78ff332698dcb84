import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors';

function scryptAsync(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes with scrypt (N from config, r 8, p 1, 16-byte salt); format `scrypt$N$salt$hash`. */
export async function hashPassword(password: string, n: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, n);
  return `scrypt$${n}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check of a password against a stored hash. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n));
  const expected = Buffer.from(hash, 'base64url');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The server's password policy (§1.8): first failure only, as a 400. */
export function checkPasswordPolicy(password: string): void {
  if (password.length < 12) throw new HttpError(400, 'Password must be at least 12 characters long');
  if (!/[A-Z]/.test(password)) throw new HttpError(400, 'Password must contain at least one uppercase letter');
  if (!/[a-z]/.test(password)) throw new HttpError(400, 'Password must contain at least one lowercase letter');
  if (!/[0-9]/.test(password)) throw new HttpError(400, 'Password must contain at least one number');
  if (!/[!@#$%^&*()_+\-=[\]{}|;:,.<>?]/.test(password)) {
    throw new HttpError(400, 'Password must contain at least one special character');
  }
}
