// Node's child_process and worker_threads, as a build tool uses them; prints a fixed summary.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';

if (process.argv[2] === 'child') {
  process.on('message', (m) => {
    process.send({ doubled: m * 2 });
    process.exit(0);
  });
} else {
  const out = [];
  out.push(`execFileSync: ${execFileSync('sh', ['-c', 'echo $((6 * 7))'], { encoding: 'utf8' }).trim()}`);
  const r = spawnSync('sh', ['-c', 'exit 3']);
  out.push(`spawnSync exit: ${r.status}`);
  const child = fork(new URL(import.meta.url).pathname, ['child']);
  child.send(21);
  const reply = await new Promise((resolve) => child.on('message', resolve));
  out.push(`fork+IPC: ${reply.doubled}`);
  await new Promise((resolve) => child.on('exit', resolve));
  const sums = await Promise.all([1, 2, 3, 4].map((n) => new Promise((resolve, reject) => {
    const w = new Worker('const { parentPort, workerData } = require("node:worker_threads"); let s = 0; for (let i = 0; i <= workerData * 100000; i++) s += i; parentPort.postMessage(s);', { eval: true, workerData: n });
    w.on('message', resolve);
    w.on('error', reject);
  })));
  out.push(`worker_threads: ${sums.join(',')}`);
  console.log(out.join('\n'));
}
