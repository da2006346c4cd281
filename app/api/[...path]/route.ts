import { problem } from '@/lib/api/problem';

// Any /api path that no other route matches: problem details rather than the HTML 404 page.
function notFound(): Response {
  return problem('not_found', 'There is no API endpoint at this path.');
}

/** Any method on an unknown /api path - 404 problem details. */
export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
