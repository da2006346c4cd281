import { z } from 'zod';

import { ApiError } from '@/lib/api/errors';

export interface CustomerCursor {
  /** ISO 8601, UTC, milliseconds. */
  createdAt: string;
  id: string;
}

// PostgreSQL has no year 0, which ISO 8601 allows: a forged cursor with one is refused here.
const sortTime = z.iso.datetime().refine((value) => !value.startsWith('0000'));
const payloadSchema = z.object({ t: sortTime, i: z.uuid() }).strict();

/** Opaque to clients: base64url JSON of the last row's sort key (created_at, id). */
export function encodeCursor(cursor: CustomerCursor): string {
  const payload = JSON.stringify({ t: cursor.createdAt, i: cursor.id });
  return Buffer.from(payload).toString('base64url');
}

export function decodeCursor(value: string): CustomerCursor {
  const invalid = new ApiError('bad_request', 'One or more query parameters are invalid.', {
    errors: [{ path: 'cursor', message: 'Not a valid cursor.' }],
  });

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }

  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid;

  // The pattern allows days that do not exist (February 30th); Date finds them out.
  const createdAt = new Date(parsed.data.t);
  if (Number.isNaN(createdAt.getTime())) throw invalid;
  return { createdAt: createdAt.toISOString(), id: parsed.data.i };
}
