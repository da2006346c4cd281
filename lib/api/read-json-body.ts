import type { z } from 'zod';

import { env } from '@/lib/config/env';

import { ApiError } from './errors';
import { parseWith } from './validation';

function isJson(contentType: string | null): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function tooLarge(limit: number): ApiError {
  return new ApiError('payload_too_large', `The request body must not exceed ${limit} bytes.`);
}

/** Reads the body as text, stopping as soon as it passes the limit instead of buffering it all. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }

  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** Content type, size, JSON syntax and schema, checked in that order; each has its own status. */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  if (!isJson(request.headers.get('content-type'))) {
    throw new ApiError(
      'unsupported_media_type',
      'Send the body as Content-Type: application/json.',
    );
  }

  const text = await readLimited(request, env().API_BODY_LIMIT_BYTES);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }

  return parseWith(schema, parsed, {
    code: 'validation_failed',
    detail: 'The request body has invalid fields.',
  });
}
