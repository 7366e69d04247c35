import * as op from './opcodes.js';
import { errnoName } from './errno.js';

/** What a filter tells the kernel to do with one syscall. */
export type Action =
  | { kind: 'allow' }
  | { kind: 'errno'; errno: number }
  | { kind: 'kill-process' }
  | { kind: 'kill-thread' }
  | { kind: 'trap' }
  | { kind: 'log' };

export const ALLOW: Action = { kind: 'allow' };
export const KILL_PROCESS: Action = { kind: 'kill-process' };
export const errno = (n: number): Action => ({ kind: 'errno', errno: n });

/** The 32-bit value a BPF `ret` returns for an action. */
export function actionToRet(a: Action): number {
  switch (a.kind) {
    case 'allow': return op.SECCOMP_RET_ALLOW;
    case 'errno': return (op.SECCOMP_RET_ERRNO | (a.errno & op.SECCOMP_RET_DATA)) >>> 0;
    case 'kill-process': return op.SECCOMP_RET_KILL_PROCESS;
    case 'kill-thread': return op.SECCOMP_RET_KILL_THREAD;
    case 'trap': return op.SECCOMP_RET_TRAP;
    case 'log': return op.SECCOMP_RET_LOG;
  }
}

export function sameAction(a: Action, b: Action): boolean {
  return actionToRet(a) === actionToRet(b);
}

/**
 * How the kernel reads a filter's return value (kernel/seccomp.c, __seccomp_filter): the action is
 * the top 16 bits, the data the low 16; an action value it does not know is treated as KILL_PROCESS.
 */
export function describeRet(ret: number): string {
  const action = (ret & op.SECCOMP_RET_ACTION_FULL) >>> 0;
  const data = ret & op.SECCOMP_RET_DATA;
  switch (action) {
    case op.SECCOMP_RET_ALLOW: return data ? `ALLOW(${data})` : 'ALLOW';
    case op.SECCOMP_RET_ERRNO: return `ERRNO(${errnoName(data) ?? data})`;
    case op.SECCOMP_RET_KILL_PROCESS: return data ? `KILL_PROCESS(${data})` : 'KILL_PROCESS';
    case op.SECCOMP_RET_KILL_THREAD: return data ? `KILL_THREAD(${data})` : 'KILL_THREAD';
    case op.SECCOMP_RET_TRAP: return data ? `TRAP(${data})` : 'TRAP';
    case op.SECCOMP_RET_LOG: return data ? `LOG(${data})` : 'LOG';
    case op.SECCOMP_RET_TRACE: return `TRACE(${data})`;
    case op.SECCOMP_RET_USER_NOTIF: return data ? `USER_NOTIF(${data})` : 'USER_NOTIF';
    default: return `0x${(ret >>> 0).toString(16).padStart(8, '0')}`;
  }
}
