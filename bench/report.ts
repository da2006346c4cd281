import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Plans } from './explain';
import type { Measurement } from './load';
import type { ScenarioName } from './scenarios';

export interface ScenarioResult extends Measurement {
  scale: 'small' | 'large';
  scenario: ScenarioName;
  label: string;
  /** Requests per second against /api/health at the same scale, in the same run. */
  vsHealth: number;
  /** Requests per second against the same scenario at small scale. */
  vsSmall: number | null;
  /** Every pass of the scenario in round order (the row above is the median one). */
  passes: PassSummary[];
}

export interface PassSummary extends Pick<Measurement, 'rps' | 'p99' | 'cpuMsPerRequest'> {
  vsHealth: number;
}

export interface ScaleOut {
  instances: number;
  single: Measurement;
  multiple: Measurement;
  speedup: number;
}

export interface BenchReport {
  startedAt: string;
  machine: {
    nproc: number;
    cpuModel: string;
    node: string;
    postgres: string;
    loadAverage: number[];
  };
  settings: Record<string, unknown>;
  build: 'reused' | 'built';
  seedMs: Record<string, number>;
  plans: Record<string, Plans>;
  results: ScenarioResult[];
  scaleOut: ScaleOut | null;
  peakRssMb: number;
}

const pct = (ratio: number | null) => (ratio === null ? '' : `${Math.round(ratio * 100)}%`);
const fixed = (value: number, digits: number) => value.toFixed(digits);

export function formatTable(results: ScenarioResult[]): string {
  const header = [
    'scale',
    'scenario',
    'req/s',
    'vs health',
    'vs small',
    'p50 ms',
    'p99 ms',
    'cpu ms/req',
    'non-2xx',
    'unexpected',
    'rss MB',
  ];
  const rows = results.map((r) => [
    r.scale,
    r.label,
    fixed(r.rps, 0),
    pct(r.vsHealth),
    pct(r.vsSmall),
    fixed(r.p50, 0),
    fixed(r.p99, 0),
    fixed(r.cpuMsPerRequest, 2),
    String(r.non2xx),
    String(r.unexpected + r.errors),
    fixed(r.peakRssMb, 0),
  ]);

  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i < 2 ? `-${'-'.repeat(width)}-` : `-${'-'.repeat(width)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatScaleOut(scaleOut: ScaleOut): string {
  const describe = (label: string, m: Measurement) =>
    `| ${label} | ${fixed(m.rps, 0)} | ${fixed(m.p99, 0)} | ${fixed(m.cpuMsPerRequest, 2)} | ${m.non2xx} |`;
  return [
    '| GET customers?limit=10, 32 connections | req/s | p99 ms | cpu ms/req | non-2xx |',
    '|---|---:|---:|---:|---:|',
    describe('1 instance', scaleOut.single),
    describe(`${scaleOut.instances} instances`, scaleOut.multiple),
    '',
    `${scaleOut.instances} instances serve ${pct(scaleOut.speedup)} of one instance's requests per second.`,
  ].join('\n');
}

export function writeJson(root: string, report: BenchReport): string {
  const file = path.join(root, 'bench', 'results', 'latest.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
