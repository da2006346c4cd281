'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition, type MouseEvent } from 'react';

import { Badge } from '@/components/ui/Badge';
import { Spinner } from '@/components/ui/Spinner';

import styles from './org-switcher.module.css';

export interface OrganisationOption {
  id: string;
  name: string;
  role: 'admin' | 'member';
}

const roleLabel = { admin: 'Admin', member: 'Member' } as const;

function initial(name: string): string {
  return name.trim().charAt(0).toUpperCase() || '?';
}

/** The organisation dropdown; each entry is a link, so the choice lives in the URL. */
export function OrgSwitcher({
  organisations,
  currentId,
}: {
  organisations: OrganisationOption[];
  currentId: string;
}) {
  const current = organisations.find((org) => org.id === currentId);
  const router = useRouter();
  const [switching, startSwitch] = useTransition();

  // The menu closes at once while the next organisation's page loads; the trigger says so
  // until it arrives. A click with a modifier (new tab, new window) is left to the browser.
  function switchTo(event: MouseEvent<HTMLAnchorElement>, href: string) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    startSwitch(() => router.push(href));
  }

  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while it is open,
    // which leaves focusable elements inside hidden content; a menu needs no focus trap.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={styles.trigger} aria-busy={switching || undefined}>
        <span className={styles.avatar} aria-hidden="true">
          {switching ? <Spinner size={12} /> : initial(current?.name ?? '')}
        </span>
        <span className={styles.labels}>
          <span className={styles.caption}>{switching ? 'Switching…' : 'Organisation'}</span>
          <span className={styles.name}>{current?.name ?? 'Choose…'}</span>
        </span>
        <svg
          className={styles.chevron}
          width="16"
          height="16"
          viewBox="0 0 16 16"
          aria-hidden="true"
        >
          <path d="M5 6l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </DropdownMenu.Trigger>

      <DropdownMenu.Portal>
        <DropdownMenu.Content className={styles.content} align="start" sideOffset={6}>
          <DropdownMenu.Label className={styles.label}>Your organisations</DropdownMenu.Label>
          {organisations.map((org) => (
            <DropdownMenu.Item key={org.id} asChild className={styles.item}>
              <Link
                href={`/orgs/${org.id}/keys`}
                aria-current={org.id === currentId ? 'page' : undefined}
                onClick={(event) => switchTo(event, `/orgs/${org.id}/keys`)}
              >
                <span className={styles.avatar} aria-hidden="true">
                  {initial(org.name)}
                </span>
                <span className={styles.itemName}>{org.name}</span>
                <Badge tone={org.role === 'admin' ? 'primary' : 'neutral'}>
                  {roleLabel[org.role]}
                </Badge>
                <span className={styles.check} aria-hidden="true">
                  {org.id === currentId ? '✓' : ''}
                </span>
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
