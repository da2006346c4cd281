import { getDb } from '@/db/client';
import { jsonResponse } from '@/lib/api/problem';
import { readJsonBody } from '@/lib/api/read-json-body';
import { createApiKey } from '@/lib/api-keys/create-key';
import { createKeyBodySchema } from '@/lib/api-keys/schemas';
import { clientInfo } from '@/lib/auth/client-info';
import { withSession } from '@/lib/auth/with-session';

/** POST /api/portal/organisations/{orgId}/keys - an admin creates a key; the body shows it once. */
export const POST = withSession<{ orgId: string }>(
  { role: 'admin' },
  async ({ request, user, access }) => {
    const body = await readJsonBody(request, createKeyBodySchema);
    const key = await createApiKey(await getDb(), {
      organisationId: access.organisationId,
      name: body.name,
      actorUserId: user.id,
      client: clientInfo(request),
    });

    // jsonResponse already sends Cache-Control: no-store, which matters most for this body.
    return jsonResponse(
      {
        id: key.id,
        name: key.name,
        key: key.plaintext,
        last_four: key.lastFour,
        created_at: key.createdAt.toISOString(),
      },
      { status: 201 },
    );
  },
);
