import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Servicebay', template: '%s · Servicebay' },
  description: 'Manage your organisation’s Servicebay API keys.',
};

// Every page reads the session cookie, so every page is rendered per request and gets the CSP
// nonce of its own response (proxy.ts). The 404 page does not, and renders per request itself.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
