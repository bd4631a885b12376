/** The open data's worker as one script (build/open-data-worker.mjs bundles hub/open-data/publish-worker.ts). */
declare module 'virtual:open-data-worker' {
  const source: string;
  export default source;
}
