import { type Janua, type RequestOptions, requestRaw, ValidationError } from '@janua/core';
import { toWireDate } from './internal/map';
import { requireDate } from './internal/validate';

/** Input of {@link exportAuditLogs}. */
export interface ExportAuditLogsParams {
  format: 'json' | 'csv';
  startDate?: Date;
  endDate?: Date;
  actions?: string[];
  userIds?: string[];
  resourceTypes?: string[];
}

/** A streamed export: iterate it for chunks, or hand `stream` to a web `Response`. */
export interface AuditExport extends AsyncIterable<Uint8Array> {
  /** `audit_logs_YYYYmmdd_HHMMSS.json|csv` from `Content-Disposition`, if sent. */
  filename: string | null;
  contentType: string | null;
  /** The body as a web stream; read it once (either this or the async iterator). */
  stream: ReadableStream<Uint8Array>;
}

/**
 * Exports audit entries as JSON (an array) or CSV without buffering them: the body is streamed.
 * Platform admins only.
 *
 * @throws {ValidationError} for a bad format or date (no request is made).
 * @example
 * ```ts
 * const file = await exportAuditLogs(janua, { format: 'csv' });
 * for await (const chunk of file) process.stdout.write(chunk);
 * ```
 */
export async function exportAuditLogs(
  janua: Janua,
  params: ExportAuditLogsParams,
  options: RequestOptions = {},
): Promise<AuditExport> {
  if (params?.format !== 'json' && params?.format !== 'csv') {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'format must be "json" or "csv"' });
  }
  const res = await requestRaw(janua, {
    ...options,
    method: 'POST',
    path: '/audit-logs/export',
    headers: { accept: params.format === 'csv' ? 'text/csv' : 'application/json' },
    body: {
      format: params.format,
      start_date: toWireDate(requireDate(params.startDate, 'startDate')),
      end_date: toWireDate(requireDate(params.endDate, 'endDate')),
      actions: params.actions,
      user_ids: params.userIds,
      resource_types: params.resourceTypes,
    },
  });
  const stream = res.stream();
  const disposition = res.headers['content-disposition'] ?? '';
  return {
    filename: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null,
    contentType: res.headers['content-type'] ?? null,
    stream,
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}
