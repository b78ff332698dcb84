import { createJanua, toAbsoluteUrl } from '@janua/core';
import { describe, expect, test } from 'vitest';

const at = (baseUrl: string) => createJanua({ baseUrl, env: {} });

describe('toAbsoluteUrl', () => {
  test('a server-relative path goes under baseUrl, path prefix included (as /health does)', () => {
    expect(toAbsoluteUrl('/uploads/avatars/a.png', at('https://example.com/janua/'))).toBe(
      'https://example.com/janua/uploads/avatars/a.png',
    );
    expect(toAbsoluteUrl('/uploads/avatars/a.png', at('http://127.0.0.1:4100/api/v1'))).toBe(
      'http://127.0.0.1:4100/uploads/avatars/a.png',
    );
    expect(toAbsoluteUrl('avatars/b.png', at('https://example.com/janua'))).toBe(
      'https://example.com/janua/avatars/b.png',
    );
  });

  test('absolute and protocol-relative URLs keep their host; null stays null', () => {
    const janua = at('https://example.com/janua');
    expect(toAbsoluteUrl('https://cdn.example/a.png', janua)).toBe('https://cdn.example/a.png');
    expect(toAbsoluteUrl('//cdn.example/a.png', janua)).toBe('https://cdn.example/a.png');
    expect(toAbsoluteUrl(null, janua)).toBeNull();
  });

  test('a non-string or malformed URL throws a TypeError (INVALID_RESPONSE inside a map), never `…/undefined`', () => {
    const janua = at('https://example.com');
    expect(() => toAbsoluteUrl(undefined as unknown as string, janua)).toThrow(TypeError);
    expect(() => toAbsoluteUrl(42 as unknown as string, janua)).toThrow(TypeError);
    expect(() => toAbsoluteUrl('http://[bad', janua)).toThrow(TypeError);
  });
});
