import { getDb } from '@/db/client';
import { jsonResponse } from '@/lib/api/problem';
import { revokeKey } from '@/lib/api-keys/revoke-key';
import { clientInfo } from '@/lib/auth/client-info';
import { withSession } from '@/lib/auth/with-session';

type Params = { orgId: string; keyId: string };

/** POST /api/portal/organisations/{orgId}/keys/{keyId}/revoke - an admin revokes a key. */
export const POST = withSession<Params>(
  { role: 'admin' },
  async ({ request, params, user, access }) => {
    const revoked = await revokeKey(await getDb(), {
      organisationId: access.organisationId,
      keyId: params.keyId,
      actorUserId: user.id,
      client: clientInfo(request),
    });
    return jsonResponse({ id: revoked.id, name: revoked.name, status: 'revoked' });
  },
);
