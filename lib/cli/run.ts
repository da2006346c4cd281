import { parseArgs } from 'node:util';

import type { Database } from '@/db/client';

import { CliError, commands, isCommandName } from './commands';

export const USAGE = `Usage: npm run --silent portal -- <command> [options]

Commands:
  create-org  --name NAME
  create-user --email EMAIL --password PASSWORD [--name NAME]
  add-member  --org ORG_ID --email EMAIL --role admin|member

Prints the created record as one JSON object on stdout; messages go to stderr.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs one CLI command and returns the process exit code. */
export async function runCli(argv: string[], db: () => Promise<Database>, io: CliIo) {
  const [name, ...rest] = argv;
  if (!isCommandName(name)) {
    io.stderr(`${name ? `Unknown command: ${name}\n\n` : ''}${USAGE}\n`);
    return 2;
  }

  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        org: { type: 'string' },
        role: { type: 'string' },
      },
      strict: true,
    });
    const result = await commands[name](await db(), values);
    io.stdout(`${JSON.stringify(result.record)}\n`);
    io.stderr(`${result.message}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError || (error instanceof TypeError && 'code' in error)) {
      io.stderr(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
