/** One logged request (§7.3); no bodies, no credentials. */
export interface LoggedRequest {
  id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  request_id: string;
  fault_id: string | null;
  authorization: boolean;
  api_key_prefix: string | null;
  at: string;
  /** @internal epoch ms for `since` filters. */
  at_ms: number;
}

export interface RequestLog {
  entries: LoggedRequest[];
}

export function createRequestLog(): RequestLog {
  return { entries: [] };
}
