// A tiny initramfs in the kernel's "newc" cpio format (Documentation/driver-api/early-userspace/
// buffer-format.rst), gzip-compressed: written here so no cpio tool and no root (for /dev/console)
// is needed.

import { gzipSync } from 'node:zlib';

export type CpioEntry =
  | { path: string; type: 'dir'; mode?: number }
  | { path: string; type: 'file'; data: Buffer; mode?: number }
  | { path: string; type: 'char'; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFCHR = 0o020000;

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function header(fields: number[], name: string): Buffer {
  // magic, then 13 fields of 8 hex digits: ino mode uid gid nlink mtime filesize devmajor devminor
  // rdevmajor rdevminor namesize check; the name and its NUL follow, padded to 4 bytes with the header.
  const text = '070701' + fields.map((f) => (f >>> 0).toString(16).padStart(8, '0')).join('');
  const nameBuf = Buffer.from(name + '\0');
  return Buffer.concat([Buffer.from(text, 'ascii'), nameBuf, Buffer.alloc(pad4(110 + nameBuf.length))]);
}

/** The uncompressed cpio archive. Parent directories must be listed before their contents. */
export function cpioNewc(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  for (const e of entries) {
    const name = e.path.replace(/^\/+/, '');
    let mode: number;
    let data: Buffer = Buffer.alloc(0);
    let rmaj = 0;
    let rmin = 0;
    if (e.type === 'dir') mode = S_IFDIR | (e.mode ?? 0o755);
    else if (e.type === 'file') {
      mode = S_IFREG | (e.mode ?? 0o644);
      data = e.data;
    } else {
      mode = S_IFCHR | (e.mode ?? 0o600);
      rmaj = e.major;
      rmin = e.minor;
    }
    const nlink = e.type === 'dir' ? 2 : 1;
    parts.push(header([ino++, mode, 0, 0, nlink, 0, data.length, 0, 0, rmaj, rmin, Buffer.byteLength(name) + 1, 0], name));
    parts.push(data, Buffer.alloc(pad4(data.length)));
  }
  parts.push(header([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 'TRAILER!!!'.length + 1, 0], 'TRAILER!!!'));
  return Buffer.concat(parts);
}

export function gzipInitramfs(entries: readonly CpioEntry[]): Buffer {
  return gzipSync(cpioNewc(entries), { level: 6 });
}
