export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal';

interface ErrorKind {
  status: number;
  title: string;
}

// The one table from error code to HTTP status and the title clients may switch on.
export const errorKinds: Record<ApiErrorCode, ErrorKind> = {
  bad_request: { status: 400, title: 'Bad request' },
  invalid_json: { status: 400, title: 'Malformed JSON' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal server error' },
};

export interface FieldError {
  path: string;
  message: string;
}

type ApiErrorOptions = { errors?: FieldError[]; headers?: Record<string, string> };

export class ApiError extends Error {
  declare readonly code: ApiErrorCode;
  declare readonly detail: string;
  declare readonly options: ApiErrorOptions;

  constructor(code: ApiErrorCode, detail: string, options: ApiErrorOptions = {}) {
    // A 4xx is the client's mistake, answered and never logged with a stack; capturing one was
    // the largest single cost of refusing a key in the bench's CPU profile.
    const stackTraceLimit = Error.stackTraceLimit;
    if (errorKinds[code].status < 500) Error.stackTraceLimit = 0;
    super(detail);
    Error.stackTraceLimit = stackTraceLimit;

    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
    this.options = options;
  }

  get status(): number {
    return errorKinds[this.code].status;
  }
}
