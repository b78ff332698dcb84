// Runs dist/worker.js in real workerd: writes a capnp config (http socket, the module, a text
// binding JANUA_BASE_URL, and an outbound network that may reach loopback, which workerd blocks by
// default against SSRF), spawns the binary and waits until the port answers.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(import.meta.url);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function capnpConfig({ port, baseUrl, bundle = 'worker.js' }) {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Replaces the default "internet" service (public addresses only) so the worker reaches the
    # dev server on 127.0.0.1. A production deployment keeps the default.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "${bundle}")],
  compatibilityDate = "2025-01-01",
  bindings = [(name = "JANUA_BASE_URL", text = ${JSON.stringify(baseUrl)})],
);
`;
}

/** Starts workerd with the built worker; resolves once it answers HTTP. */
export async function startWorkerd({ baseUrl, port, log = () => {} }) {
  const listen = port ?? (await freePort());
  mkdirSync(here('./dist'), { recursive: true });
  const configPath = here('./dist/config.capnp');
  writeFileSync(configPath, capnpConfig({ port: listen, baseUrl }));
  const bin = require.resolve('workerd/bin/workerd');
  const child = spawn(bin, ['serve', configPath, '--verbose'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    log(String(chunk));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${listen}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`workerd did not listen on ${url} within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
