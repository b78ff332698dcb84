/** In-process domain events; webhooks and the audit log subscribe (issues 6 and 7). */
export interface DevEvents {
  emit(type: string, payload: Record<string, unknown>): void;
  on(handler: (type: string, payload: Record<string, unknown>) => void): void;
}

export function createEvents(): DevEvents {
  const handlers: ((type: string, payload: Record<string, unknown>) => void)[] = [];
  return {
    emit(type, payload) {
      for (const h of handlers) {
        try {
          h(type, payload);
        } catch (err) {
          console.error('[janua-dev] event handler failed', type, err);
        }
      }
    },
    on(handler) {
      handlers.push(handler);
    },
  };
}
