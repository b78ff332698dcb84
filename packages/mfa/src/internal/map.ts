import { checkWire } from '@janua/core';
import type { SmsSetup } from '../types';
import type { WireSmsSetup } from '../wire';

/** Maps the SMS setup and verify answers; a body without the number or the flag is `INVALID_RESPONSE`. */
export function toSmsSetup(w: WireSmsSetup): SmsSetup {
  return { phoneNumber: checkWire(w.phone_number, 'string'), verified: checkWire(w.verified, 'boolean') };
}
