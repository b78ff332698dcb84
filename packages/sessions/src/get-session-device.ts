import { assertUuid, type Janua, type RequestOptions } from '@janua/core';
import { getSession } from './get-session';
import { listDevices } from './list-devices';
import type { SessionDevice } from './types';

/**
 * The device facts of one session and whether the device is trusted (composed from the session
 * and the devices view: the API has no single route for it).
 *
 * @throws {ValidationError} a missing or non-UUID `sessionId` (no request is made).
 * @example
 * ```ts
 * const { browser, os, trusted } = await getSessionDevice(janua, { sessionId });
 * ```
 */
export async function getSessionDevice(
  janua: Janua,
  params: { sessionId: string },
  options: RequestOptions = {},
): Promise<SessionDevice> {
  // Checked here as well as in getSession: its check rejects only after listDevices has been sent.
  assertUuid(params?.sessionId, 'sessionId');
  const [session, devices] = await Promise.all([getSession(janua, params, options), listDevices(janua, options)]);
  const entry = devices.activeSessions.find((s) => s.id === session.id);
  return {
    deviceName: session.deviceName,
    deviceType: session.deviceType,
    browser: session.browser,
    os: session.os,
    ipAddress: session.ipAddress,
    userAgent: session.userAgent,
    trusted: entry?.isTrustedDevice ?? false,
  };
}
