import { readFileSync } from 'node:fs';

/** The ends of a TCP connection, as node:net's Socket has them. */
export interface ConnectionEnds {
  localPort?: number | undefined;
  remotePort?: number | undefined;
}

const TCP_TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];

/** "0100007F:9C40" → 40000: the port after the colon, in hexadecimal. */
function portOf(address: string): number {
  return Number.parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
}

/**
 * The user id of the process at the other end of a loopback connection to us, read from the kernel's TCP
 * tables (Linux; undefined elsewhere or when the connection is not found). The peer's socket is the row
 * whose local port is our remote port and whose remote port is our local port. Columns, after the row
 * number: local address, remote address, state, queues, timer, retransmits, uid.
 */
export function loopbackPeerUid(ends: ConnectionEnds, tables: readonly string[] = TCP_TABLES): number | undefined {
  if (ends.localPort === undefined || ends.remotePort === undefined) return undefined;
  for (const table of tables) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 8) continue;
      if (portOf(columns[1]!) === ends.remotePort && portOf(columns[2]!) === ends.localPort) {
        return Number(columns[7]);
      }
    }
  }
  return undefined;
}
