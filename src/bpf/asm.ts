// Text → BPF: reads what disasm.ts writes (and a little more, for hand-written filters).
//
//   [NNNN:] statement   [# comment]
//
// The optional label must equal the instruction's index; `goto NNNN` names an index. Constants are
// decimal or 0x-hex, `ARCH_X86_64`-style arch names, `abi:name` syscall names anywhere, and plain
// syscall names in comparisons where A holds nr and the audit arch is known on every path (the same
// dataflow the disassembler uses: parse, resolve arch constants, compute the contexts, then names).
// Besides the disassembler's forms, conditions may use `!=`, `<`, `<=` (the targets are swapped onto
// JEQ/JGE/JGT) and may leave out `else goto` (meaning the next instruction).

import { isAbiName, type ArchDescriptor } from '../arch.js';
import { errnoValue } from './errno.js';
import { analyzeFlow, Tag } from './dataflow.js';
import { type Insn } from './insn.js';
import { plainAbi, resolveArchName, resolvePlainSyscall, resolveQualifiedSyscall, RESERVED_WORDS } from './names.js';
import * as op from './opcodes.js';
import { ALU_SYMBOLS, JUMP_SYMBOLS } from './disasm.js';

export interface AsmDiagnostic {
  /** 1-based line number in the source text. */
  line: number;
  message: string;
}

export class AsmError extends Error {
  readonly errors: readonly AsmDiagnostic[];
  constructor(errors: AsmDiagnostic[]) {
    super(errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
    this.name = 'AsmError';
    this.errors = errors;
  }
}

type Token =
  | { t: 'num'; value: number; text: string }
  | { t: 'id'; text: string }
  | { t: 'p'; text: string };

const PUNCT = ['<<=', '>>=', '==', '!=', '>=', '<=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '=', '>', '<', '&', '(', ')', '[', ']', '.', '-', ':', ',', '!'];

class LineError extends Error {}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)(?![A-Za-z0-9_])/.exec(rest);
    if (num) {
      const value = Number(num[1].toLowerCase().startsWith('0x') ? num[1] : parseInt(num[1], 10));
      out.push({ t: 'num', value, text: num[1] });
      i += num[1].length;
      continue;
    }
    if (/^[0-9]/.test(rest)) throw new LineError(`bad number '${/^[0-9A-Za-z_]+/.exec(rest)![0]}'`);
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (id) {
      out.push({ t: 'id', text: id[0] });
      i += id[0].length;
      continue;
    }
    const p = PUNCT.find((s) => rest.startsWith(s));
    if (p) {
      out.push({ t: 'p', text: p });
      i += p.length;
      continue;
    }
    throw new LineError(`unexpected character '${c}'`);
  }
  return out;
}

/** A constant operand: known now, or a plain syscall name resolved once the contexts are known. */
type Operand = { value: number } | { name: string };

interface Pending {
  line: number;
  label: number | undefined;
  code: number;
  k: Operand;
  jt: number;
  jf: number;
  /** Absolute targets still to be turned into offsets. */
  ja?: number;
  cond?: { t: number; f: number | undefined };
}

const ACTIONS: Readonly<Record<string, number>> = {
  ALLOW: op.SECCOMP_RET_ALLOW,
  KILL_PROCESS: op.SECCOMP_RET_KILL_PROCESS,
  KILL_THREAD: op.SECCOMP_RET_KILL_THREAD,
  KILL: op.SECCOMP_RET_KILL_THREAD,
  TRAP: op.SECCOMP_RET_TRAP,
  ERRNO: op.SECCOMP_RET_ERRNO,
  USER_NOTIF: op.SECCOMP_RET_USER_NOTIF,
  TRACE: op.SECCOMP_RET_TRACE,
  LOG: op.SECCOMP_RET_LOG,
};

const ALU_BY_SYMBOL = new Map(Object.entries(ALU_SYMBOLS).map(([o, s]) => [s, Number(o)]));
const JUMP_BY_SYMBOL = new Map(Object.entries(JUMP_SYMBOLS).map(([o, s]) => [s, Number(o)]));

class Cursor {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}
  get done(): boolean {
    return this.pos >= this.toks.length;
  }
  peek(offset = 0): Token | undefined {
    return this.toks[this.pos + offset];
  }
  next(): Token {
    const t = this.toks[this.pos];
    if (!t) throw new LineError('unexpected end of statement');
    this.pos++;
    return t;
  }
  isP(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'p' && t.text === text;
  }
  isId(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'id' && t.text === text;
  }
  /** Consumes the identifier `text` if it comes next. */
  acceptId(text: string): boolean {
    if (!this.isId(text)) return false;
    this.pos++;
    return true;
  }
  acceptP(text: string): boolean {
    if (!this.isP(text)) return false;
    this.pos++;
    return true;
  }
  p(text: string): void {
    const t = this.next();
    if (t.t !== 'p' || t.text !== text) throw new LineError(`expected '${text}' but found '${show(t)}'`);
  }
  id(text?: string): string {
    const t = this.next();
    if (t.t !== 'id' || (text !== undefined && t.text !== text)) {
      throw new LineError(`expected ${text ? `'${text}'` : 'a name'} but found '${show(t)}'`);
    }
    return t.text;
  }
  num(what: string, max = 0xffffffff): number {
    const t = this.next();
    if (t.t !== 'num') throw new LineError(`expected ${what} but found '${show(t)}'`);
    if (t.value > max) throw new LineError(`${what} ${t.text} is out of range (max ${max})`);
    return t.value;
  }
  end(): void {
    if (!this.done) throw new LineError(`unexpected '${show(this.peek()!)}' after the statement`);
  }
}

const show = (t: Token) => t.text;

/** A decimal instruction index (label or jump target). */
function index(c: Cursor, what: string): number {
  const t = c.next();
  if (t.t !== 'num' || !/^[0-9]+$/.test(t.text)) throw new LineError(`expected ${what} (a decimal instruction index) but found '${show(t)}'`);
  return t.value;
}

function operand(c: Cursor): Operand {
  const t = c.next();
  if (t.t === 'num') {
    if (t.value > 0xffffffff) throw new LineError(`constant ${t.text} does not fit 32 bits`);
    return { value: t.value };
  }
  if (t.t === 'id') {
    if (c.isP(':')) {
      c.p(':');
      const name = c.id();
      if (!isAbiName(t.text)) throw new LineError(`unknown ABI '${t.text}' in '${t.text}:${name}'`);
      const v = resolveQualifiedSyscall(`${t.text}:${name}`);
      if (v === undefined) throw new LineError(`unknown syscall '${name}' for ABI ${t.text}`);
      return { value: v };
    }
    if (t.text.startsWith('ARCH_')) {
      const v = resolveArchName(t.text);
      if (v === undefined) throw new LineError(`unknown arch constant '${t.text}'`);
      return { value: v };
    }
    if (RESERVED_WORDS.has(t.text)) throw new LineError(`expected a constant but found '${t.text}'`);
    return { name: t.text };
  }
  throw new LineError(`expected a constant but found '${show(t)}'`);
}

function retValue(c: Cursor): number {
  if (c.isId('A')) {
    c.next();
    return -1;
  }
  const t = c.peek();
  if (t?.t === 'num') return c.num('return value');
  const action = c.id();
  const base = ACTIONS[action];
  if (base === undefined) throw new LineError(`unknown action '${action}'`);
  let data = 0;
  if (c.isP('(')) {
    c.p('(');
    const v = c.next();
    if (v.t === 'num') data = v.value;
    else if (v.t === 'id' && action === 'ERRNO') {
      const e = errnoValue(v.text);
      if (e === undefined) throw new LineError(`unknown errno '${v.text}'`);
      data = e;
    } else throw new LineError(`expected a number${action === 'ERRNO' ? ' or errno name' : ''} in ${action}(…)`);
    if (data > op.SECCOMP_RET_DATA) throw new LineError(`${action} data ${data} does not fit 16 bits`);
    c.p(')');
  } else if (action === 'ERRNO') {
    throw new LineError('ERRNO needs a value: ERRNO(EPERM) or ERRNO(1)');
  }
  return (base | data) >>> 0;
}

function loadOffset(c: Cursor, arch: ArchDescriptor): number | undefined {
  const word = (first: number): number => {
    c.p('.');
    const half = c.id();
    if (half !== 'lo' && half !== 'hi') throw new LineError(`expected .lo or .hi but found '.${half}'`);
    const lowFirst = arch.endian === 'little';
    return first + ((half === 'lo') === lowFirst ? 0 : 4);
  };
  if (c.acceptId('nr')) return op.OFFSET_NR;
  if (c.acceptId('arch')) return op.OFFSET_ARCH;
  if (c.acceptId('instruction_pointer')) return word(op.OFFSET_IP);
  if (c.isId('args') && c.isP('[', 1)) {
    c.next();
    c.p('[');
    const i = c.num('argument index', 5);
    c.p(']');
    return word(op.offsetOfArg(i));
  }
  if (c.isId('data') && c.isP('[', 1)) {
    c.next();
    c.p('[');
    const k = c.num('offset');
    c.p(']');
    return k;
  }
  return undefined;
}

function memIndex(c: Cursor): number {
  c.id('mem');
  c.p('[');
  const k = c.num('scratch memory index');
  c.p(']');
  return k;
}

function parseStatement(c: Cursor, arch: ArchDescriptor, line: number, label: number | undefined): Pending {
  const mk = (code: number, k: Operand | number = 0): Pending => ({
    line, label, code, k: typeof k === 'number' ? { value: k } : k, jt: 0, jf: 0,
  });
  const first = c.peek()!;

  if (first.t === 'p' && first.text === '.') {
    c.next();
    c.id('insn');
    const fields: Record<string, number> = {};
    const max: Record<string, number> = { code: 0xffff, jt: 0xff, jf: 0xff, k: 0xffffffff };
    while (!c.done) {
      const key = c.id();
      if (!(key in max)) throw new LineError(`unknown .insn field '${key}' (code, jt, jf, k)`);
      if (key in fields) throw new LineError(`.insn field '${key}' given twice`);
      c.p('=');
      fields[key] = c.num(`.insn ${key}`, max[key]);
      if (c.isP(',')) c.next();
    }
    if (!('code' in fields)) throw new LineError('.insn needs code=…');
    return { line, label, code: fields.code, k: { value: fields.k ?? 0 }, jt: fields.jt ?? 0, jf: fields.jf ?? 0 };
  }
  if (first.t !== 'id') throw new LineError(`unexpected '${show(first)}'`);

  switch (first.text) {
    case 'A': {
      c.next();
      if (c.isP('=')) {
        c.next();
        let p: Pending;
        if (c.acceptId('len')) p = mk(op.BPF_LD | op.BPF_W | op.BPF_LEN);
        else if (c.acceptId('X')) p = mk(op.BPF_MISC | op.BPF_TXA);
        else if (c.acceptP('-')) {
          c.id('A');
          p = mk(op.BPF_ALU | op.BPF_NEG);
        }
        else if (c.isId('mem')) p = mk(op.BPF_LD | op.BPF_MEM, memIndex(c));
        else {
          const off = loadOffset(c, arch);
          p = off !== undefined ? mk(op.BPF_LD | op.BPF_W | op.BPF_ABS, off) : mk(op.BPF_LD | op.BPF_IMM, operand(c));
        }
        c.end();
        return p;
      }
      const t = c.next();
      const o = t.t === 'p' ? ALU_BY_SYMBOL.get(t.text) : undefined;
      if (o === undefined) throw new LineError(`expected '=' or an ALU operator after A but found '${show(t)}'`);
      if (c.isId('X')) {
        c.next();
        c.end();
        return mk(op.BPF_ALU | o | op.BPF_X);
      }
      const k = operand(c);
      c.end();
      return mk(op.BPF_ALU | o | op.BPF_K, k);
    }
    case 'X': {
      c.next();
      c.p('=');
      let p: Pending;
      if (c.acceptId('len')) p = mk(op.BPF_LDX | op.BPF_W | op.BPF_LEN);
      else if (c.acceptId('A')) p = mk(op.BPF_MISC | op.BPF_TAX);
      else if (c.isId('mem')) p = mk(op.BPF_LDX | op.BPF_MEM, memIndex(c));
      else p = mk(op.BPF_LDX | op.BPF_IMM, operand(c));
      c.end();
      return p;
    }
    case 'mem': {
      const k = memIndex(c);
      c.p('=');
      const src = c.id();
      if (src !== 'A' && src !== 'X') throw new LineError(`only A or X can be stored, not '${src}'`);
      c.end();
      return mk(src === 'A' ? op.BPF_ST : op.BPF_STX, k);
    }
    case 'goto': {
      c.next();
      const target = index(c, 'a jump target');
      c.end();
      return { ...mk(op.BPF_JMP | op.BPF_JA), ja: target };
    }
    case 'if': {
      c.next();
      c.p('(');
      c.id('A');
      const t = c.next();
      if (t.t !== 'p') throw new LineError(`expected a comparison operator but found '${show(t)}'`);
      const sym = t.text;
      const swapped: Record<string, string> = { '!=': '==', '<': '>=', '<=': '>' };
      const o = JUMP_BY_SYMBOL.get(swapped[sym] ?? sym);
      if (o === undefined) throw new LineError(`unknown comparison '${sym}' (==, !=, >, >=, <, <=, &)`);
      let code: number;
      let k: Operand = { value: 0 };
      if (c.isId('X')) {
        c.next();
        code = op.BPF_JMP | o | op.BPF_X;
      } else {
        code = op.BPF_JMP | o | op.BPF_K;
        k = operand(c);
      }
      c.p(')');
      c.id('goto');
      const target = index(c, 'a jump target');
      let other: number | undefined;
      if (c.isId('else')) {
        c.next();
        c.id('goto');
        other = index(c, 'a jump target');
      }
      c.end();
      const neg = sym in swapped;
      // Without `else`, the other way is the next instruction (filled in once the index is known).
      const cond = neg ? { t: other ?? -1, f: target } : { t: target, f: other };
      return { ...mk(code, k), cond: { t: cond.t, f: cond.f } };
    }
    case 'return': {
      c.next();
      const v = retValue(c);
      c.end();
      return v === -1 ? mk(op.BPF_RET | op.BPF_A) : mk(op.BPF_RET | op.BPF_K, v);
    }
  }
  throw new LineError(`unknown statement starting with '${first.text}'`);
}

/**
 * Assembles the text form (see disasm.ts) for an arch: its byte order decides which word of a 64-bit
 * field `.lo`/`.hi` loads. Throws AsmError listing every error with its line number.
 */
export function assemble(text: string, arch: ArchDescriptor): Insn[] {
  const errors: AsmDiagnostic[] = [];
  const pending: Pending[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const hash = raw.indexOf('#');
    const src = hash >= 0 ? raw.slice(0, hash) : raw;
    try {
      const toks = tokenize(src);
      if (toks.length === 0) return;
      const c = new Cursor(toks);
      let label: number | undefined;
      if (c.peek()?.t === 'num' && c.isP(':', 1)) {
        label = index(c, 'a label');
        c.p(':');
        if (c.done) throw new LineError(`label ${label} has no statement`);
      }
      pending.push(parseStatement(c, arch, line, label));
    } catch (e) {
      if (e instanceof LineError) errors.push({ line, message: e.message });
      else throw e;
    }
  });

  // A line that failed to parse has no index, so the indices after it are unreliable: stop here.
  if (errors.length) throw new AsmError(errors);

  // Labels and jumps.
  const count = pending.length;
  const pad = (n: number) => String(n).padStart(4, '0');
  pending.forEach((p, idx) => {
    if (p.label !== undefined && p.label !== idx) {
      errors.push({ line: p.line, message: `label ${pad(p.label)} does not match the instruction's index ${pad(idx)}` });
    }
    const offset = (target: number, max: number, what: string): number | undefined => {
      if (target <= idx) {
        errors.push({ line: p.line, message: `${what} goes backwards or to itself (${pad(idx)} → ${pad(target)}); BPF jumps only forward` });
        return undefined;
      }
      if (target >= count) {
        errors.push({ line: p.line, message: `${what} target ${pad(target)} is past the last instruction (${pad(count - 1)})` });
        return undefined;
      }
      const off = target - idx - 1;
      if (off > max) {
        errors.push({ line: p.line, message: `${what} to ${pad(target)} is ${off} instructions ahead, more than ${max}; jump to a 'goto' instead` });
        return undefined;
      }
      return off;
    };
    if (p.ja !== undefined) {
      const off = offset(p.ja, 0xffffffff, 'goto');
      if (off !== undefined) p.k = { value: off };
    }
    if (p.cond) {
      const t = p.cond.t === -1 ? idx + 1 : p.cond.t;
      const f = p.cond.f === undefined ? idx + 1 : p.cond.f;
      p.jt = offset(t, 0xff, 'conditional jump') ?? 0;
      p.jf = offset(f, 0xff, 'conditional jump') ?? 0;
    }
  });
  if (errors.length) throw new AsmError(errors);

  // Contexts, then the plain syscall names.
  const insns: Insn[] = pending.map((p) => ({ code: p.code, jt: p.jt, jf: p.jf, k: 'value' in p.k ? p.k.value >>> 0 : 0 }));
  const states = analyzeFlow(insns);
  pending.forEach((p, idx) => {
    if (!('name' in p.k)) return;
    const name = p.k.name;
    const s = states[idx];
    const isCompare = op.bpfClass(p.code) === op.BPF_JMP && p.cond !== undefined;
    const hint = `write it as abi:${name} or as a number`;
    if (!isCompare || !s || s.a !== Tag.Nr) {
      errors.push({ line: p.line, message: `'${name}' is not a known constant; a plain syscall name is only understood in a comparison where A holds nr (${hint})` });
    } else if (s.arch === undefined) {
      errors.push({ line: p.line, message: `syscall name '${name}': the audit arch is not known on every path to this instruction (${hint})` });
    } else {
      const v = resolvePlainSyscall(s.arch, name);
      if (v === undefined) {
        const abi = plainAbi(s.arch);
        const where = abi ? `ABI ${abi}` : `audit arch 0x${s.arch.toString(16)} (no syscall table)`;
        errors.push({ line: p.line, message: `unknown syscall '${name}' for ${where}` });
      } else insns[idx].k = v >>> 0;
    }
  });
  if (errors.length) throw new AsmError(errors);
  return insns;
}
