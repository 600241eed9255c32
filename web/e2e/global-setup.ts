// Starts what the journeys run against: a fresh demo contact centre built by
// the real `fairqm demo`, served by the real `fairqm serve` on a free
// loopback port with the built web app (dist/). The address and the data
// directory reach the tests through vitest's provide/inject.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const here = dirname(fileURLToPath(import.meta.url));
// FAIRQM_WEB_DIST lets parallel work use its own build of the app.
const webRoot = resolve(here, '..', process.env.FAIRQM_WEB_DIST ?? 'dist');
const workDir = resolve(here, '.work', String(process.pid));

function fairqmBinary(): string {
  const candidates = [
    process.env.FAIRQM_BIN,
    resolve(here, '../../build/release/src/cli/fairqm'),
    resolve(here, '../../build/asan/src/cli/fairqm'),
    resolve(here, '../../build/dev/src/cli/fairqm'),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `no fairqm binary: build it (cmake --build --preset release) or set FAIRQM_BIN; looked at ${candidates.join(', ')}`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitReady(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`fairqm serve exited early:\n${log()}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fairqm serve did not become ready:\n${log()}`);
}

let server: ChildProcess | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error('the web app is not built: run `npm run build` in web/ first');
  }
  const binary = fairqmBinary();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const data = resolve(workDir, 'data');
  const demo = spawnSync(binary, ['--data', data, 'demo', '--reset', '--seed', '7'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (demo.status !== 0) {
    throw new Error(`fairqm demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  server = spawn(
    binary,
    ['--data', data, 'serve', '--listen', `127.0.0.1:${port}`, '--web-root', webRoot],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitReady(base, server, () => output);
  project.provide('baseUrl', base);
  project.provide('dataDir', data);
  return async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    rmSync(workDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
