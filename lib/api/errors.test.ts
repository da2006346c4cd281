import { describe, expect, it } from 'vitest';

import { ApiError } from './errors';

const frames = (error: Error) => (error.stack ?? '').split('\n').slice(1);

describe('ApiError', () => {
  it('carries its code, detail and options, and is an Error', () => {
    const error = new ApiError('forbidden', 'Not yours.', { headers: { 'X-A': '1' } });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ApiError', code: 'forbidden', detail: 'Not yours.' });
    expect(error.message).toBe('Not yours.');
    expect(error.status).toBe(403);
    expect(error.options.headers).toEqual({ 'X-A': '1' });
  });

  it('captures no stack for a client error, a full one for a server error', () => {
    const limit = Error.stackTraceLimit;

    expect(frames(new ApiError('unauthorized', 'No key.'))).toEqual([]);
    expect(frames(new ApiError('service_unavailable', 'Database down.')).length).toBeGreaterThan(0);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(frames(new Error('plain')).length).toBeGreaterThan(0);
  });
});
