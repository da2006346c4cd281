import pino from 'pino';

import { safeError } from './logging/safe-error';

// One logger for the whole server. Redaction is a second line of defence: call sites never
// pass secrets, but if a header or body slips in, these paths are masked.
const redactPaths = [
  'apiKey',
  'password',
  'secret',
  'code',
  'token',
  'headers["x-api-key"]',
  'headers.cookie',
  'headers.authorization',
];

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// Read directly rather than through env(): logging must work even while the environment is
// being reported as invalid, and during `next build`, which has no secrets.
function logLevel(): string {
  const wanted = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return levels.includes(wanted) ? wanted : 'info';
}

function createLogger() {
  // Command-line tools keep stdout for their own output and log to stderr instead.
  // Asynchronous writes keep a log line per API request off the request's own path; the server
  // flushes on shutdown (lib/server/background.ts).
  const destination = pino.destination({
    dest: process.env.LOG_STREAM === 'stderr' ? 2 : 1,
    sync: false,
  });
  return pino(
    {
      level: logLevel(),
      base: { service: 'servicebay-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: safeError },
    },
    destination,
  );
}

const globalForLogger = globalThis as unknown as { servicebayLogger?: pino.Logger };

export const logger: pino.Logger = (globalForLogger.servicebayLogger ??= createLogger());
