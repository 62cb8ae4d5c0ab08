/**
 * Saves a JSON document as a file on the device (the browser's download), named `fileName`.
 *
 * @example
 * downloadJson('sharing-log.json', await wallet.exportSharingLog());
 */
export function downloadJson(fileName: string, contents: unknown): void {
  const blob = new Blob([`${JSON.stringify(contents, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Today's date for a file name (`2026-10-03`). */
export function fileDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
