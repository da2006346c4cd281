import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';

import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

/** GET|POST /api/auth/* - next-auth's endpoints (csrf, session, challenge callback, sign-out). */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  return (await NextAuth(request, context, authOptions())) as Response;
}

export { handler as GET, handler as POST };
