import 'next-auth';
import 'next-auth/jwt';

// The session token carries ids and times (lib/auth/session-token.ts) and nothing else about
// the user: names, emails and roles are always read from the database.
declare module 'next-auth' {
  interface User {
    sessionVersion: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sv?: number;
    sid?: string;
    at?: number;
  }
}
