// No zod here: the console (strict CSP, no zod at run time) reads bundle versions with this too.

/**
 * How the kiosk names its catalogue in the health report when a bundle is active: `b<version>-<digest>`; the
 * console reads the version back from it. Without a bundle the version is the digest alone.
 */
export function bundleCatalogueVersion(version: number, digest: string): string {
  return `b${version}-${digest}`;
}
export function bundleVersionOf(catalogueVersion: string): number | null {
  const match = /^b([0-9]{1,15})-/.exec(catalogueVersion);
  return match ? Number(match[1]) : null;
}
