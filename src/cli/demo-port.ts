// Where the demo listens: the port asked for when it is free; when the default (8080) is taken —
// typically by `npm start` in another terminal — any free port, said plainly; a port the user named
// that is taken is named back with what to do, never a stack trace.

import { createServer } from 'node:net';

/** Whether host:port can be listened on now. */
function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export type PortChoice = { port: number; note: string | null } | { error: string };

export async function choosePort(host: string, port: number, chosen: boolean): Promise<PortChoice> {
  if (port === 0 || (await isFree(host, port))) return { port, note: null };
  if (chosen) return { error: `port ${port} on ${host} is in use (another callcue — npm start? — or another program): stop it, or choose another port with --port N (--port 0 takes any free one)` };
  return { port: 0, note: `port ${port} is in use (another callcue — npm start? — or another program): the demo takes a free port instead` };
}
