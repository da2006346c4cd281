import type { BenchReport } from './report';

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The targets, judged on ratios within this run (never on absolute times). */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { results } = report;

  for (const list of results.filter((r) => r.scenario === 'list')) {
    checks.push({
      target: `${list.scale}: customers?limit=10 >= 80% of /api/health req/s`,
      met: list.vsHealth >= 0.8,
      detail: pct(list.vsHealth),
    });
    checks.push({
      target: `${list.scale}: customers?limit=10 p99 < 100 ms`,
      met: list.p99 < 100,
      detail: `${list.p99} ms`,
    });

    for (const rejected of results.filter(
      (r) => r.scale === list.scale && (r.scenario === 'revoked' || r.scenario === 'unknown'),
    )) {
      checks.push({
        target: `${list.scale}: ${rejected.scenario} key rejected at least as fast as list served`,
        met: rejected.cpuMsPerRequest <= list.cpuMsPerRequest && rejected.rps >= list.rps,
        detail: `${rejected.cpuMsPerRequest.toFixed(2)} vs ${list.cpuMsPerRequest.toFixed(2)} cpu ms/req`,
      });
    }
  }

  for (const large of results.filter((r) => r.scale === 'large' && r.vsSmall !== null)) {
    checks.push({
      target: `large >= 90% of small: ${large.label}`,
      met: (large.vsSmall ?? 0) >= 0.9,
      detail: pct(large.vsSmall ?? 0),
    });
  }

  for (const [scale, plans] of Object.entries(report.plans)) {
    checks.push({
      target: `${scale}: key lookup uses api_keys_key_hash_unique`,
      met: plans.keyLookup.includes('api_keys_key_hash_unique'),
      detail: plans.keyLookup.split('\n')[1]?.trim() ?? plans.keyLookup,
    });
    checks.push({
      target: `${scale}: list page read from customers_organisation_page_idx, no sort`,
      met:
        plans.listPage.includes('customers_organisation_page_idx') && !/Sort/.test(plans.listPage),
      detail: plans.listPage.split('\n')[1]?.trim() ?? plans.listPage,
    });
  }
  checks.push({
    target: 'every response had the expected status',
    met: results.every((r) => r.unexpected === 0 && r.errors === 0),
    detail: `${results.reduce((sum, r) => sum + r.unexpected + r.errors, 0)} unexpected`,
  });
  checks.push({
    target: 'server resident memory < 400 MB throughout',
    met: report.peakRssMb < 400,
    detail: `${Math.round(report.peakRssMb)} MB peak`,
  });
  if (report.scaleOut) {
    checks.push({
      target: `${report.scaleOut.instances} instances serve more than one`,
      met: report.scaleOut.speedup > 1,
      detail: pct(report.scaleOut.speedup),
    });
  }
  return checks;
}
