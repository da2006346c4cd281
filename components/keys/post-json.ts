export type PostResult =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; message: string; fieldErrors: Record<string, string> };

interface ProblemBody {
  detail?: unknown;
  errors?: { path?: unknown; message?: unknown }[];
}

function messageFor(status: number, problem: ProblemBody | null): string {
  if (status === 401) return 'Your session has ended. Sign in again to continue.';
  if (status === 403) return 'You do not have permission to do this.';
  if (typeof problem?.detail === 'string' && status < 500) return problem.detail;
  return 'Something went wrong on our side. Try again in a moment.';
}

/** POSTs JSON to a portal route and turns problem details into messages the UI can show. */
export async function postJson(url: string, body?: unknown): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: 'Could not reach Servicebay. Check your connection and try again.',
      fieldErrors: {},
    };
  }

  const parsed: unknown = await response.json().catch(() => null);
  if (response.ok)
    return { ok: true, status: response.status, body: (parsed ?? {}) as Record<string, unknown> };

  const problem = parsed as ProblemBody | null;
  const fieldErrors: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    if (typeof error.path === 'string' && typeof error.message === 'string') {
      fieldErrors[error.path] ??= error.message;
    }
  }
  return {
    ok: false,
    status: response.status,
    message: messageFor(response.status, problem),
    fieldErrors,
  };
}
