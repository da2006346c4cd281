/**
 * True when the request's Origin header names this very host. Browsers send Origin on every
 * cross-site and same-site POST; a missing or foreign one is treated as a forged request.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host) return false;

  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
