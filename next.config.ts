import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // These packages load WebAssembly or native binaries at run time; bundling them breaks that.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pino', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
  // Keep `next dev` from writing assistant instruction files into the working tree.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
