import { rootCertificates } from 'node:tls';

/**
 * The certificates TLS to the hub and the portal trusts: Node's own roots plus the town's CA, if one is
 * configured (`--ca-file`, the portal configuration's `caFile`). Passed to each connection explicitly,
 * because the packaged Electron ignores NODE_EXTRA_CA_CERTS (its `enableNodeOptionsEnvironmentVariable`
 * fuse is off). Undefined without a town CA: the connection then uses Node's defaults.
 */
export function trustedCas(townCaPem: string | undefined): string[] | undefined {
  if (!townCaPem || townCaPem.trim() === '') return undefined;
  return [...rootCertificates, townCaPem];
}
