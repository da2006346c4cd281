import autocannon from 'autocannon';

import type { LoadPlan } from './scenarios';

// A child process of the bench: the load generator must not share an event loop (or its CPU
// accounting) with the orchestrator. Protocol over IPC: `warm` -> `ready` -> `go` -> result.

export interface WorkerConfig {
  origin: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  plan: LoadPlan;
}

export interface WorkerResult {
  requests: number;
  durationSeconds: number;
  p50: number;
  p99: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
}

function rotating(values: string[]): () => string | undefined {
  let next = 0;
  return () => {
    const value = values[next % Math.max(values.length, 1)];
    next += 1;
    return value;
  };
}

function run(config: WorkerConfig, seconds: number): Promise<autocannon.Result> {
  const { plan } = config;
  const nextKey = rotating(plan.keys);
  const nextId = rotating(plan.ids);
  const headers: Record<string, string> = plan.body ? { 'content-type': 'application/json' } : {};

  return autocannon({
    url: config.origin,
    connections: config.connections,
    duration: seconds,
    requests: [
      {
        method: plan.method,
        body: plan.body,
        setupRequest: (request) => {
          const key = nextKey();
          const path = plan.path.replace('{id}', nextId() ?? '');
          return { ...request, path, headers: key ? { ...headers, 'x-api-key': key } : headers };
        },
      },
    ],
  });
}

function send(message: unknown): void {
  process.send?.(message);
}

process.once('message', (config: WorkerConfig) => {
  void (async () => {
    if (config.warmupSeconds > 0) await run(config, config.warmupSeconds);
    send({ type: 'ready' });

    await new Promise((resolve) => process.once('message', resolve));
    const result = await run(config, config.durationSeconds);

    const statusCounts: Record<string, number> = {};
    for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
      statusCounts[status] = (stats as { count: number }).count;
    }
    const summary: WorkerResult = {
      requests: result.requests.total,
      durationSeconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      statusCounts,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    send({ type: 'result', result: summary });
    process.disconnect();
  })();
});
