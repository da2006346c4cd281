// Errors reach the logs through this shape only. Drizzle's query errors carry every bound value
// in `message`, `params` and the first line of `stack` (customer emails, password and key
// hashes); driver errors quote the offending input in `message` and the row in `detail`. None of
// that may be written. What is kept is enough to find the failing query and its cause.
const MAX_CAUSES = 4;

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  causes?: SafeError[];
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

// PostgreSQL quotes the offending input in its messages (`invalid input syntax for type
// integer: "..."`); the SQLSTATE code and the query say what failed without it.
function withoutBoundValues(message: string, code: string | undefined): string {
  const paramsAt = message.indexOf('\nparams:');
  const bare = paramsAt === -1 ? message : message.slice(0, paramsAt);
  return code && SQLSTATE.test(code) ? bare.replace(/"[^"]*"/g, '"…"') : bare;
}

function framesOnly(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function describeOne(error: unknown): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-error thrown' };

  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : undefined;
  return {
    type: error.name,
    message: withoutBoundValues(error.message, code),
    ...(code ? { code } : {}),
    ...(error.stack ? { stack: framesOnly(error.stack) } : {}),
  };
}

export function safeError(error: unknown): SafeError {
  const head = describeOne(error);
  const causes: SafeError[] = [];

  let current = error instanceof Error ? error.cause : undefined;
  while (current !== undefined && current !== null && causes.length < MAX_CAUSES) {
    causes.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }

  return causes.length > 0 ? { ...head, causes } : head;
}

/** One line for a person at a terminal: the error and its causes, without bound values. */
export function describeError(error: unknown): string {
  const safe = safeError(error);
  return [safe, ...(safe.causes ?? [])].map((part) => part.message).join(': ');
}
