import type { NextConfig } from 'next';

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
