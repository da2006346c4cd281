/**
 * Where to send the user after sign-in. Only a path on this site is accepted: anything with a
 * scheme, a host (`//evil.test`), a backslash (which browsers treat as a slash) or a control
 * character falls back to the home page, so `/login` can never be used as an open redirect.
 */
export function safeReturnPath(value: string | string[] | null | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || candidate.length > 2048) return '/';
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return '/';
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return '/';

  // Parsing against a throwaway origin catches anything that still escapes the site.
  const url = new URL(candidate, 'https://portal.invalid');
  if (url.origin !== 'https://portal.invalid') return '/';
  if (url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loginPath(returnTo: string): string {
  const safe = safeReturnPath(returnTo);
  return safe === '/' ? '/login' : `/login?callbackUrl=${encodeURIComponent(safe)}`;
}
