import Link from 'next/link';

import { Button } from '@/components/ui/Button';
import keys from '@/components/keys/keys.module.css';
import { formatFull } from '@/components/keys/format';
import type { AuditEntry } from '@/db/queries/audit-events';
import { actionLabel } from '@/lib/audit/actions';
import type { AuditTrail } from '@/lib/audit/trail';

import styles from './audit.module.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One line per detail; ids are shortened to their first 8 characters, the whole in a tooltip. */
function Details({ details }: { details: Record<string, string> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;

  return (
    <dl className={styles.detailList}>
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name.replace(/_/g, ' ')}</dt>
          <dd>{UUID.test(value) ? <code title={value}>{value.slice(0, 8)}…</code> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>
        <time dateTime={entry.createdAt.toISOString()}>{formatFull(entry.createdAt)}</time>
      </td>
      <td>{actionLabel(entry.action)}</td>
      <td>{entry.actorEmail ?? (entry.actorUserId ? 'Deleted user' : 'System')}</td>
      <td className={styles.details}>
        <Details details={entry.details} />
      </td>
      <td>{entry.clientAddress ?? '—'}</td>
      <td>
        <span className={styles.agent} title={entry.userAgent ?? undefined}>
          {entry.userAgent ?? '—'}
        </span>
      </td>
    </tr>
  );
}

function pageHref(basePath: string, filters: AuditTrail['filters'], before?: string) {
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.actor) query.set('actor', filters.actor);
  if (before) query.set('before', before);
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/**
 * A read-only audit trail: filters (a plain GET form, so they work without JavaScript), the
 * entries newest first, and links to older pages. There is no way to edit an entry.
 */
export function AuditTrailView({
  trail,
  basePath,
  showActorFilter,
  caption,
}: {
  trail: AuditTrail;
  basePath: string;
  showActorFilter: boolean;
  caption: string;
}) {
  const { entries, options, filters } = trail;

  return (
    <>
      <form method="get" action={basePath} className={styles.filters} aria-label="Filter">
        <label className={styles.filter}>
          Action
          <select name="action" defaultValue={filters.action ?? ''} className={styles.select}>
            <option value="">All actions</option>
            {options.actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </label>
        {showActorFilter ? (
          <label className={styles.filter}>
            Actor
            <select name="actor" defaultValue={filters.actor ?? ''} className={styles.select}>
              <option value="">Everyone</option>
              {options.actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.email}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button type="submit">Filter</Button>
      </form>

      <div className={keys.card}>
        {/* Focusable, so keyboard users can scroll a table wider than the screen. */}
        <div className={keys.tableScroll} tabIndex={0} role="region" aria-label={caption}>
          <table className={keys.table}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Details</th>
                <th scope="col">Client address</th>
                <th scope="col">User agent</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <Row key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
        {entries.length === 0 ? <p className={styles.empty}>No entries match.</p> : null}
      </div>

      <nav className={styles.pager} aria-label="Pages">
        {trail.isFirstPage ? null : <Link href={pageHref(basePath, filters)}>Newest entries</Link>}
        {trail.nextCursor ? (
          <Link href={pageHref(basePath, filters, trail.nextCursor)}>Older entries</Link>
        ) : null}
      </nav>
    </>
  );
}
