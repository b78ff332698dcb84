import { checkWire, type WireType } from '@janua/core';
import { describe, expect, test } from 'vitest';

// Each JSON value and the one type it passes as: arrays and null are not 'object'.
const VALUES: [unknown, WireType | null][] = [
  ['x', 'string'],
  ['', 'string'],
  [0, 'number'],
  [false, 'boolean'],
  [{}, 'object'],
  [[], 'array'],
  [null, null],
  [undefined, null],
];
const TYPES: WireType[] = ['string', 'number', 'boolean', 'object', 'array'];

describe('checkWire', () => {
  test.each(VALUES)('%j passes only as %s', (value, passes) => {
    for (const type of TYPES) {
      if (type === passes) expect(checkWire(value, type)).toBe(value);
      else expect(() => checkWire(value, type)).toThrow(new TypeError(`Expected ${type}`));
    }
  });
});
