import { readdirSync, readFileSync } from 'node:fs';

// Linux /proc accounting: CPU time in clock ticks (USER_HZ, 100 on Linux), resident memory in
// pages. Read for the server process and every descendant, so a forking server is still counted.
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
  rssBytes: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }

  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return { pid, ppid: field(4), cpuTicks: field(14) + field(15), rssBytes: field(24) * PAGE_BYTES };
}

function processTree(root: number): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);

  const tree = all.filter((stat) => stat.pid === root);
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i]?.pid;
    tree.push(...all.filter((stat) => stat.ppid === parent));
  }
  return tree;
}

/** CPU seconds (user + system) used so far by the processes and their descendants. */
export function cpuSeconds(pids: readonly number[]): number {
  const ticks = pids.flatMap(processTree).reduce((sum, stat) => sum + stat.cpuTicks, 0);
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory of each root process including its descendants, in bytes. */
export function rssBytes(pid: number): number {
  return processTree(pid).reduce((sum, stat) => sum + stat.rssBytes, 0);
}

/** Samples the largest resident size of each process until stopped. */
export class RssSampler {
  private readonly peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const pid of this.pids) {
      this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, rssBytes(pid)));
    }
  }

  /** The highest resident size any single server reached, in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.max(0, ...this.peaks.values());
  }
}
