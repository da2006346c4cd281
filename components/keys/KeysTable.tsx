import type { ApiKeyListItem } from '@/db/queries/api-keys';
import { maskApiKey } from '@/lib/api-keys/format';
import { Badge } from '@/components/ui/Badge';

import { formatDate, formatFull, formatRelative } from './format';
import styles from './keys.module.css';
import { RevokeKeyDialog } from './RevokeKeyDialog';

function creatorOf(key: ApiKeyListItem): string {
  return key.createdByName ?? key.createdByEmail ?? 'Deleted user';
}

/** The organisation's keys. Only the masked form of a key ever reaches this table. */
export function KeysTable({
  keys,
  organisationId,
  canRevoke,
}: {
  keys: ApiKeyListItem[];
  organisationId: string;
  canRevoke: boolean;
}) {
  const active = keys.filter((key) => key.revokedAt === null).length;

  return (
    <div className={styles.card}>
      <div className={styles.tableScroll}>
        <table className={styles.table}>
          <caption className="visually-hidden">API keys of this organisation</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Created by</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              {canRevoke ? (
                <th scope="col" className={styles.actions}>
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const masked = maskApiKey(key.lastFour);
              const isRevoked = key.revokedAt !== null;
              return (
                <tr key={key.id} className={isRevoked ? styles.revoked : undefined}>
                  <td>
                    <span className={styles.keyName}>{key.name}</span>
                  </td>
                  <td>
                    <code className={styles.masked}>{masked}</code>
                  </td>
                  <td className={styles.muted} title={key.createdByEmail ?? undefined}>
                    {creatorOf(key)}
                  </td>
                  <td className={styles.muted}>
                    <time dateTime={key.createdAt.toISOString()} title={formatFull(key.createdAt)}>
                      {formatDate(key.createdAt)}
                    </time>
                  </td>
                  <td className={styles.muted}>
                    {key.lastUsedAt ? (
                      <time
                        dateTime={key.lastUsedAt.toISOString()}
                        title={formatFull(key.lastUsedAt)}
                      >
                        {formatRelative(key.lastUsedAt)}
                      </time>
                    ) : (
                      'Never'
                    )}
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <span title={`Revoked ${formatFull(key.revokedAt)}`}>
                        <Badge tone="neutral">Revoked</Badge>
                      </span>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </td>
                  {canRevoke ? (
                    <td className={styles.actions}>
                      {isRevoked ? null : (
                        <RevokeKeyDialog
                          organisationId={organisationId}
                          keyId={key.id}
                          keyName={key.name}
                          maskedKey={masked}
                        />
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.footer}>
        {active} active {active === 1 ? 'key' : 'keys'}, {keys.length - active} revoked
      </div>
    </div>
  );
}
