// Boots a kernel and initramfs in qemu-system, with the serial console on a pipe, until the probe
// says DONE and the machine powers off, or a time limit passes (then qemu is killed).

import { spawn } from 'node:child_process';

export interface BootOptions {
  binary: string;
  args: string[];
  timeoutSec: number;
  /** Called with each line of serial output as it arrives. */
  onLine?: (line: string) => void;
}

export interface BootResult {
  command: string[];
  output: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Seconds from starting qemu to the probe's first line (the kernel has booted and run /init). */
  bootSec?: number;
  /** Seconds from starting qemu to DONE: boot plus every probe. */
  doneSec?: number;
  /** Seconds until qemu exited (or was killed). */
  totalSec: number;
  /** qemu's own stderr. */
  stderr: string;
}

/** The time qemu gets to power off after DONE before it is killed. */
const POWER_OFF_GRACE_MS = 15_000;

export function boot(opts: BootOptions): Promise<BootResult> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
    const child = spawn(opts.binary, opts.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    let partial = '';
    let bootSec: number | undefined;
    let doneSec: number | undefined;
    let timedOut = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutSec * 1000);
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      partial += chunk;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        const line = partial.slice(0, nl).replace(/\r$/, '');
        partial = partial.slice(nl + 1);
        if (bootSec === undefined && /^BOOT /.test(line)) bootSec = elapsed();
        if (doneSec === undefined && /^DONE\b/.test(line)) {
          doneSec = elapsed();
          graceTimer = setTimeout(kill, POWER_OFF_GRACE_MS);
        }
        opts.onLine?.(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${opts.binary} could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      resolve({
        command: [opts.binary, ...opts.args],
        output: output.replace(/\r\n/g, '\n'),
        exitCode: code,
        signal,
        timedOut,
        bootSec,
        doneSec,
        totalSec: elapsed(),
        stderr,
      });
    });
  });
}
