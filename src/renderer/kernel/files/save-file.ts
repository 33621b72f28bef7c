/** Bytes sent over the bridge as base64, back as bytes. */
export function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * Saves content as a file through the browser's download (works in Electron's renderer and in a browser); nothing is
 * kept on disk by the app itself. The object URL is freed once the download has surely started.
 */
export function saveFile(filename: string, mimeType: string, content: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
