import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, createNonce } from './csp';

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));
}

describe('contentSecurityPolicy', () => {
  it('allows scripts only with this response’s nonce, never inline or eval in production', () => {
    const nonce = createNonce();
    const script = directive(contentSecurityPolicy(nonce, false), 'script-src');

    expect(script).toContain(`'nonce-${nonce}'`);
    expect(script).not.toContain('unsafe-inline');
    expect(script).not.toContain('unsafe-eval');
    expect(directive(contentSecurityPolicy(nonce, true), 'script-src')).toContain('unsafe-eval');
  });

  it('forbids framing, plugins and foreign form targets', () => {
    const policy = contentSecurityPolicy(createNonce(), false);
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'form-action')).toBe("form-action 'self'");
    expect(directive(policy, 'base-uri')).toBe("base-uri 'self'");
  });

  it('makes a new unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, 'base64')).toHaveLength(16);
  });
});
