// The soak test's traffic: workers that each own their customers, so that what the database must
// hold at the end follows from the answers each worker received.

export interface Ledger {
  /** Acknowledged creates that were not deleted: id -> expected name. */
  live: Map<string, string>;
  /** Ids whose delete was acknowledged. */
  deleted: Set<string>;
  /** Markers of every acknowledged create. */
  acknowledged: Set<string>;
  /** Ids whose last write failed or timed out: their final state is unknown. */
  uncertain: Set<string>;
}

export interface Tally {
  requests: number;
  errors: number;
  byOperation: Record<string, number>;
  errorSamples: string[];
  latenciesMs: number[];
}

export interface Target {
  baseUrl: string;
  orgId: string;
  apiKey: string;
}

type Operation = 'create' | 'list' | 'get' | 'patch' | 'delete';

// Weighted mix: a little more than a third writes that add rows, the rest reads and changes.
const MIX: [Operation, number][] = [
  ['create', 35],
  ['list', 25],
  ['get', 15],
  ['patch', 15],
  ['delete', 10],
];

function pick(random: () => number): Operation {
  let roll = random() * 100;
  for (const [operation, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return operation;
  }
  return 'list';
}

export function newLedger(): Ledger {
  return { live: new Map(), deleted: new Set(), acknowledged: new Set(), uncertain: new Set() };
}

export function newTally(): Tally {
  return { requests: 0, errors: 0, byOperation: {}, errorSamples: [], latenciesMs: [] };
}

async function call(target: Target, method: string, path: string, body?: unknown) {
  const response = await fetch(`${target.baseUrl}/api/v1/organisations/${target.orgId}${path}`, {
    method,
    headers: {
      'x-api-key': target.apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

/** One worker: sequential requests until the deadline, recording every answer. */
export async function runWorker(
  worker: number,
  target: Target,
  deadline: number,
  ledger: Ledger,
  tally: Tally,
): Promise<void> {
  const own: string[] = [];
  let sequence = 0;
  const random = Math.random;

  while (Date.now() < deadline) {
    sequence += 1;
    let operation = pick(random);
    const id = own.length > 0 ? own[Math.floor(random() * own.length)] : undefined;
    if (!id && operation !== 'list') operation = 'create';

    const marker = `w${worker}-${sequence}`;
    const startedAt = performance.now();
    let ok = false;
    let detail = '';
    try {
      if (operation === 'create') {
        const name = `soak ${marker}`;
        const answer = await call(target, 'POST', '/customers', {
          name,
          metadata: { soak: marker },
        });
        ok = answer.status === 201 && typeof answer.json?.id === 'string';
        if (ok) {
          const created = answer.json?.id as string;
          ledger.live.set(created, name);
          ledger.acknowledged.add(marker);
          own.push(created);
        }
        detail = `create ${answer.status}`;
      } else if (operation === 'list') {
        const answer = await call(target, 'GET', '/customers?limit=20');
        ok = answer.status === 200 && Array.isArray(answer.json?.data);
        detail = `list ${answer.status}`;
      } else if (operation === 'get' && id) {
        const answer = await call(target, 'GET', `/customers/${id}`);
        ok = answer.status === 200 && answer.json?.name === ledger.live.get(id);
        detail = `get ${answer.status}`;
      } else if (operation === 'patch' && id) {
        const name = `soak ${marker} patched`;
        ledger.uncertain.add(id);
        const answer = await call(target, 'PATCH', `/customers/${id}`, { name });
        ok = answer.status === 200 && answer.json?.name === name;
        if (ok) {
          ledger.live.set(id, name);
          ledger.uncertain.delete(id);
        }
        detail = `patch ${answer.status}`;
      } else if (operation === 'delete' && id) {
        ledger.uncertain.add(id);
        const answer = await call(target, 'DELETE', `/customers/${id}`);
        ok = answer.status === 204;
        if (ok) {
          ledger.live.delete(id);
          ledger.deleted.add(id);
          ledger.uncertain.delete(id);
          own.splice(own.indexOf(id), 1);
        }
        detail = `delete ${answer.status}`;
      }
    } catch (error) {
      detail = `${operation} ${error instanceof Error ? error.message : String(error)}`;
    }

    tally.requests += 1;
    tally.latenciesMs.push(performance.now() - startedAt);
    tally.byOperation[operation] = (tally.byOperation[operation] ?? 0) + 1;
    if (!ok) {
      tally.errors += 1;
      if (tally.errorSamples.length < 10) tally.errorSamples.push(detail);
    }
  }
}
