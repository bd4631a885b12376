import type { RouteBody } from '../api/protocol';

type UploadFile = RouteBody<'POST /bundles'>['files'][number];

/** Base64 of a picked file's bytes (in chunks: String.fromCharCode takes only so many arguments). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/**
 * The files of a folder picked in the browser (`webkitdirectory`), as the hub's upload takes them: the picked
 * folder holds the service folders, so its own name is dropped from each path. Hidden files (.DS_Store, ._x)
 * are left out: no service has them.
 */
export async function readPickedFolder(files: FileList | File[]): Promise<UploadFile[]> {
  const picked: UploadFile[] = [];
  for (const file of Array.from(files)) {
    const relative = (file.webkitRelativePath || file.name).split('/');
    const path = relative.length > 1 ? relative.slice(1) : relative;
    if (path.some((segment) => segment.startsWith('.'))) continue;
    picked.push({ path: path.join('/'), content: await base64Of(file) });
  }
  return picked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
