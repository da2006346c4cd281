import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Servicebay', template: '%s · Servicebay' },
  description: 'Manage your organisation’s Servicebay API keys.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so each gets the CSP nonce of its own response
  // (proxy.ts); a page prerendered at build time would carry no nonce and its scripts would be
  // blocked.
  await connection();

  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
