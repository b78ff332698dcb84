// Plain-HTTP helpers for the dev server's own suites (the SDK-level tests live in the domain
// packages): raw status, JSON and headers, so a test sees exactly what the wire carries.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevServer } from '../src/index';
import { TEST_PASSWORD, uniqueEmail } from '../src/testing';

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
  json: any;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export function client(server: DevServer) {
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(server.url + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      redirect: 'manual',
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, headers: res.headers };
  };

  const signUp = async (email = uniqueEmail()) => {
    const r = await call('POST', '/api/v1/auth/signup', { body: { email, password: TEST_PASSWORD } });
    if (r.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(r.json)}`);
    return {
      email,
      id: r.json.user.id as string,
      token: r.json.tokens.access_token as string,
      refresh: r.json.tokens.refresh_token as string,
      sessionId: r.json.session.id as string,
    };
  };

  const signIn = async (email: string, password = TEST_PASSWORD) => {
    const r = await call('POST', '/api/v1/auth/signin', { body: { email, password } });
    if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.json)}`);
    return {
      token: r.json.tokens.access_token as string,
      refresh: r.json.tokens.refresh_token as string,
      sessionId: r.json.session.id as string,
      id: r.json.user.id as string,
    };
  };

  const admin = () => signIn(server.admin.email, server.admin.password);
  const advance = (ms: number) => call('POST', '/__dev/clock', { body: { advance_ms: ms } });
  const key = () => ({ 'x-api-key': server.apiKey });

  return { call, signUp, signIn, admin, advance, key };
}

/** A local webhook receiver: the parsed JSON bodies it got, in arrival order. */
export async function webhookReceiver() {
  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies are read field by field
  const received: any[] = [];
  const rx = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => rx.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(rx.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => rx.close(() => resolve())),
  };
}
