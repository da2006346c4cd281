import { randomBytes } from 'node:crypto';

/** 128 random bits per response: a script tag an attacker injects cannot carry it. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this response's nonce
 * ('strict-dynamic' lets those scripts load Next.js's chunks); no inline script without it, no
 * eval outside development (React uses eval there for error overlays). Styles allow inline
 * style attributes, which React and Radix render and a nonce cannot cover; CSS cannot run code.
 * No framing at all (clickjacking), no plugins, forms and <base> stay on this site.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}
