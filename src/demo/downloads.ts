/** Names and bodies of what the page lets you download, and the download itself. */

/** "holiday.photo.jpg" → "holiday.photo"; URLs give their last path segment. */
export function baseName(name: string): string {
  const last = name.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? '';
  const stem = last.replace(/\.[a-z0-9]{1,5}$/i, '');
  const safe = stem.replace(/[^\w.-]+/g, '_').slice(0, 80);
  return safe || 'image';
}

/** One JSON object a line (JSON Lines), in the given order. */
export function jsonLines(records: readonly unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download synchronously; the URL can go once the task has run.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
