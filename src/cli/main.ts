// The `callcue` command line: dispatches to the command table in commands.ts.

import { COMMANDS } from './commands.js';

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return `usage: callcue <command> [options]\n\ncommands:\n${rows.join('\n')}\n`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`callcue: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  // -h is --help for every command (each parses its own flags, not all of them knew -h).
  return command.run(rest.map((a) => (a === '-h' ? '--help' : a)));
}

const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
