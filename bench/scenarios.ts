import { benchOrgId, LOAD_ORG, UNKNOWN_KEY, UNKNOWN_KEYS } from './keys';

export type ScenarioName =
  'health' | 'list' | 'pages' | 'get' | 'create' | 'revoked' | 'unknown' | 'unknowns';

/** What a load worker needs to build its requests; plain data, sent to a child process. */
export interface LoadPlan {
  method: 'GET' | 'POST';
  /** Paths rotated request by request; `{id}` is replaced by the next id. */
  path: string;
  ids: string[];
  /** Keys rotated request by request; empty for no key. */
  keys: string[];
  body?: string;
  expectedStatus: number;
}

export interface Scenario {
  name: ScenarioName;
  label: string;
  plan: LoadPlan;
}

export interface ScenarioInputs {
  validKeys: string[];
  revokedKey: string;
  customerIds: string[];
  /** Cursors to many different pages, so that no two concurrent lists share a read. */
  pageCursors: string[];
}

const collection = `/api/v1/organisations/${benchOrgId(LOAD_ORG)}/customers`;

export function scenarios(inputs: ScenarioInputs): Scenario[] {
  const get = (keys: string[], expectedStatus: number, path = `${collection}?limit=10`) => ({
    method: 'GET' as const,
    path,
    ids: [],
    keys,
    expectedStatus,
  });

  return [
    { name: 'health', label: 'GET /api/health', plan: get([], 200, '/api/health') },
    { name: 'list', label: 'GET customers?limit=10', plan: get(inputs.validKeys, 200) },
    {
      name: 'pages',
      label: `GET customers?limit=10&cursor (${inputs.pageCursors.length} pages)`,
      plan: {
        ...get(inputs.validKeys, 200, `${collection}?limit=10&cursor={id}`),
        ids: inputs.pageCursors,
      },
    },
    {
      name: 'get',
      label: 'GET customers/{id}',
      plan: { ...get(inputs.validKeys, 200, `${collection}/{id}`), ids: inputs.customerIds },
    },
    {
      name: 'create',
      label: 'POST customers',
      plan: {
        method: 'POST',
        path: collection,
        ids: [],
        keys: inputs.validKeys,
        body: JSON.stringify({ name: 'Bench Customer', email: 'bench@example.test' }),
        expectedStatus: 201,
      },
    },
    { name: 'revoked', label: 'revoked key (401)', plan: get([inputs.revokedKey], 401) },
    { name: 'unknown', label: 'unknown key (401)', plan: get([UNKNOWN_KEY], 401) },
    {
      name: 'unknowns',
      label: `${UNKNOWN_KEYS.length} different unknown keys (401)`,
      plan: get(UNKNOWN_KEYS, 401),
    },
  ];
}
