import type { Target } from './workload';

interface Check {
  label: string;
  method: string;
  path: string;
  status: number;
  problem: boolean;
}

/**
 * Answers that only a real `next start` gives: the routing of unknown paths and methods by
 * Next.js itself, with next.config's headers. In-process tests cannot see these.
 */
export async function checkServerAnswers(target: Target): Promise<string[]> {
  const collection = `/api/v1/organisations/${target.orgId}/customers`;
  const checks: Check[] = [
    {
      label: 'unknown API path',
      method: 'GET',
      path: '/api/nothing/here',
      status: 404,
      problem: true,
    },
    { label: 'unsupported method', method: 'PUT', path: collection, status: 405, problem: true },
    { label: 'OPTIONS', method: 'OPTIONS', path: collection, status: 204, problem: false },
    // Not an HTTP method Next.js routes: it answers 400 itself, before any handler.
    { label: 'unknown method', method: 'PROPFIND', path: collection, status: 400, problem: false },
  ];

  const failures: string[] = [];
  for (const check of checks) {
    const response = await fetch(`${target.baseUrl}${check.path}`, {
      method: check.method,
      headers: { 'x-api-key': target.apiKey },
    });
    const body = await response.text();
    const wrong = (what: string) => failures.push(`${check.label}: ${what}`);

    if (response.status !== check.status)
      wrong(`status ${response.status}, expected ${check.status}`);
    if (response.headers.get('x-content-type-options') !== 'nosniff') wrong('no nosniff');
    if (response.headers.get('cache-control') !== 'no-store') {
      wrong(`Cache-Control ${response.headers.get('cache-control')}`);
    }
    if (check.problem) {
      const type = response.headers.get('content-type');
      if (type !== 'application/problem+json; charset=utf-8') wrong(`Content-Type ${type}`);
      if ((JSON.parse(body) as { status?: number }).status !== check.status)
        wrong('problem status');
    }
  }
  return failures;
}
