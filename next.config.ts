import type { NextConfig } from 'next';

// Headers that do not change per request, on every answer (pages, API, static files). The
// per-request Content-Security-Policy comes from proxy.ts; frame-ancestors there and
// X-Frame-Options here both forbid framing, the second for browsers without CSP level 2.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Browsers honour HSTS only over https, so this is harmless on a local http production run.
  ...(process.env.NODE_ENV === 'production'
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

const nextConfig: NextConfig = {
  // These packages load WebAssembly or native binaries at run time; bundling them breaks that.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pino', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
  // Keep `next dev` from writing assistant instruction files into the working tree.
  agentRules: false,
  experimental: { agentUpgrade: false },
  // Route handlers set these themselves; this also covers the answers Next.js gives on its own
  // under /api (400 for an unknown HTTP method, errors raised before a handler runs).
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/api/:path*',
        headers: [
          { key: 'Cache-Control', value: 'no-store' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
    ];
  },
};

export default nextConfig;
