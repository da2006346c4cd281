import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { WorkerConfig, WorkerResult } from './load-worker';
import { cpuSeconds, RssSampler } from './proc-stats';
import type { LoadPlan } from './scenarios';

export interface LoadTarget {
  origin: string;
  pid: number;
}

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface Measurement {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  unexpected: number;
  errors: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
}

type WorkerMessage = { type: 'ready' } | { type: 'result'; result: WorkerResult };

function startWorker(config: WorkerConfig): ChildProcess {
  const worker = fork(path.join(import.meta.dirname, 'load-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  worker.send(config);
  return worker;
}

function nextMessage(worker: ChildProcess): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load worker exited with ${code}`));
    worker.once('exit', onExit);
    worker.once('message', (message: WorkerMessage) => {
      worker.off('exit', onExit);
      resolve(message);
    });
  });
}

function combine(results: WorkerResult[], expectedStatus: number) {
  const statusCounts: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.statusCounts)) {
      statusCounts[status] = (statusCounts[status] ?? 0) + count;
    }
  }
  const requests = results.reduce((sum, result) => sum + result.requests, 0);
  const count = (match: (status: number) => boolean) =>
    Object.entries(statusCounts)
      .filter(([status]) => match(Number(status)))
      .reduce((sum, [, n]) => sum + n, 0);

  return {
    requests,
    // Workers run side by side over the same window, so throughput adds up.
    rps: results.reduce((sum, result) => sum + result.requests / result.durationSeconds, 0),
    // Percentiles of different workers cannot be merged exactly; the worst one is reported.
    p50: Math.max(...results.map((result) => result.p50)),
    p99: Math.max(...results.map((result) => result.p99)),
    non2xx: count((status) => status < 200 || status > 299),
    unexpected: count((status) => status !== expectedStatus),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
  };
}

/**
 * Loads one or more servers at once (connections split between them), measuring the servers'
 * CPU time only over the measured window, after every worker finished its warm-up.
 */
export async function measure(
  targets: LoadTarget[],
  plan: LoadPlan,
  options: LoadOptions,
): Promise<Measurement> {
  const pids = targets.map((target) => target.pid);
  const sampler = new RssSampler(pids);
  const workers = targets.map((target) =>
    startWorker({
      origin: target.origin,
      connections: Math.ceil(options.connections / targets.length),
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      plan,
    }),
  );

  try {
    await Promise.all(workers.map(nextMessage));
    const cpuBefore = cpuSeconds(pids);
    const finished = Promise.all(workers.map(nextMessage));
    for (const worker of workers) worker.send({ type: 'go' });

    const messages = await finished;
    const cpuUsed = cpuSeconds(pids) - cpuBefore;
    const results = messages.flatMap((message) =>
      message.type === 'result' ? [message.result] : [],
    );
    const combined = combine(results, plan.expectedStatus);

    return {
      ...combined,
      cpuMsPerRequest: combined.requests > 0 ? (cpuUsed * 1000) / combined.requests : 0,
      peakRssMb: sampler.stop() / 1024 / 1024,
    };
  } finally {
    sampler.stop();
    for (const worker of workers) if (worker.exitCode === null) worker.kill();
  }
}
