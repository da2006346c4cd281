import type { z } from 'zod';

import { ApiError, type FieldError } from './errors';
import { urlOf } from './request-context';

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    // Name each unknown field on its own, so a client sees exactly what to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: 'Unknown field.',
      }));
    }
    return [{ path: base || '(root)', message: issue.message }];
  });
}

export function parseWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  failure: { code: 'validation_failed' | 'bad_request'; detail: string },
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ApiError(failure.code, failure.detail, { errors: fieldErrors(result.error) });
}

export function parseQuery<T>(schema: z.ZodType<T>, request: Request): T {
  const params = Object.fromEntries(urlOf(request).searchParams);
  return parseWith(schema, params, {
    code: 'bad_request',
    detail: 'One or more query parameters are invalid.',
  });
}
