// tests/web/static-server.mjs's server in a process of its own, for the start-up benches: in the
// bench's process it answered only when the bench's own work let it (start_trace.mjs's trace
// arriving held the page's scripts and the wasm back by ~200 ms in a trace under load).
//   node bench/serve-apart.mjs DIR      serves DIR on 127.0.0.1, prints the port
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/web/static-server.mjs';

const self = fileURLToPath(import.meta.url);

/** Serves `dir` from a child process; resolves to { port, close() }. */
export function serveApart(dir) {
  const child = fork(self, [path.resolve(dir)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the static server exited with code ${code}`)));
    child.once('message', ({ port }) => resolve({ port, close: () => child.kill() }));
  });
}

if (process.argv[1] === self) {
  const server = await serve(path.resolve(process.argv[2]));
  const { port } = server.address();
  if (process.send) process.send({ port });
  else console.log(port);
}
