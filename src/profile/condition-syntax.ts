// The readable form of an argument condition in a profile:
//
//   arg1 == TIOCSTI                 equal (also != < <= > >=)
//   arg0 & CLONE_NEWUSER            every bit of the mask is set
//   arg0 & 0xff == 0x11             masked equality: (arg0 & 0xff) == 0x11
//   arg2 == O_WRONLY | 0x40         values may OR constants and numbers
//   arg1:32 == 5                    judge only the low 32 bits (an int argument)
//
// Numbers: decimal, 0x hex, 0o octal, 0b binary. Names: the constants in constants.ts.

import type { CompareOp } from '../compile/policy.js';
import { constantNames } from './constants.js';
import { didYouMean } from './suggest.js';

/** A value before it is resolved for an arch: numbers and constant names OR'ed together. */
export type ValueExpr = readonly (bigint | string)[];

export interface ConditionExpr {
  text: string;
  arg: number;
  /** Width given with :32 or :64; otherwise the syscall's own argument type decides. */
  width?: 32 | 64;
  op: CompareOp;
  value: ValueExpr;
  mask?: ValueExpr;
}

const COMPARE: Record<string, CompareOp> = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

/** Parses one condition; throws an Error whose message says what is wrong with it. */
export function parseCondition(text: string): ConditionExpr {
  const tokens = tokenize(text);
  let i = 0;
  const next = () => tokens[i++];
  const peek = () => tokens[i];

  const argTok = next();
  const m = /^arg(\d+)$/.exec(argTok ?? '');
  if (!m) throw new Error(`"${text}": a condition starts with arg0 … arg5`);
  const arg = Number(m[1]);
  if (arg > 5) throw new Error(`"${text}": argument index ${arg} is outside 0–5`);
  let width: 32 | 64 | undefined;
  if (peek() === ':') {
    next();
    const w = next();
    if (w !== '32' && w !== '64') throw new Error(`"${text}": the width after ':' is 32 or 64, not ${w ?? 'nothing'}`);
    width = w === '32' ? 32 : 64;
  }

  const value = () => {
    const terms: (bigint | string)[] = [term(next())];
    while (peek() === '|') {
      next();
      terms.push(term(next()));
    }
    return terms;
  };
  const term = (tok: string | undefined): bigint | string => {
    if (tok === undefined) throw new Error(`"${text}": a value is missing at the end`);
    if (/^(0x[0-9a-f]+|0o[0-7]+|0b[01]+|\d+)$/i.test(tok)) return BigInt(tok.toLowerCase());
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(tok)) {
      if (!constantNames().includes(tok)) throw new Error(`"${text}": unknown constant ${tok}${didYouMean(tok, constantNames())}`);
      return tok;
    }
    throw new Error(`"${text}": ${tok} is not a number or a constant name`);
  };

  const opTok = next();
  let cond: ConditionExpr;
  if (opTok === '&') {
    const mask = value();
    if (peek() === undefined) cond = { text, arg, width, op: 'masked-eq', mask, value: mask };
    else if (peek() === '==') {
      next();
      cond = { text, arg, width, op: 'masked-eq', mask, value: value() };
    } else {
      throw new Error(`"${text}": after "arg${arg} & MASK" only "== VALUE" may follow`);
    }
  } else if (opTok !== undefined && COMPARE[opTok]) {
    cond = { text, arg, width, op: COMPARE[opTok], value: value() };
  } else {
    throw new Error(`"${text}": expected one of == != < <= > >= & after arg${arg}, found ${opTok ?? 'nothing'}`);
  }
  if (i < tokens.length) throw new Error(`"${text}": unexpected ${tokens[i]}`);
  return cond;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(==|!=|<=|>=|<|>|&|\||:|[A-Za-z0-9_]+|\S)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) tokens.push(m[1]);
  if (tokens.length === 0) throw new Error('an empty condition');
  return tokens;
}
