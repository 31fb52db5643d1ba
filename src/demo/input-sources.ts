/**
 * Every way a picture gets into the page: dropped anywhere, picked, pasted, or given by URL.
 * Each ends in one call with the list of sources, in the order given.
 */
export type UrlSource = { kind: 'url'; url: string; name: string };
export type Source = { kind: 'file'; file: File; name: string } | UrlSource;

export interface InputElements {
  fileInput: HTMLInputElement;
  urlForm: HTMLFormElement;
  urlInput: HTMLInputElement;
  dropVeil: HTMLElement;
}

const fileSource = (file: File): Source => ({ kind: 'file', file, name: file.name || 'pasted image' });

/** A URL typed or pasted, made absolute against the page (a worker resolves against its own URL). */
export function urlSource(text: string, base: string): UrlSource | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  let url: string;
  try {
    url = new URL(trimmed, base).href;
  } catch {
    // Leave it as given: the module refuses it with invalid_image_url, in the contract's words.
    url = trimmed;
  }
  return { kind: 'url', url, name: trimmed.startsWith('data:') ? 'data: URL' : trimmed };
}

/** The http(s) URL in a text/uri-list or plain text, if that is all the text is. */
export function urlInText(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#'));
  return line && /^https?:\/\/\S+$/i.test(line) ? line : null;
}

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).some((t) => t === 'Files' || t === 'text/uri-list');

/**
 * Listens to the file input, URL form, drops and pastes. Returns what takes the files picked
 * before the listeners existed (a slow connection, or a form the browser restored on back
 * navigation): their change event went to no one. Call it once the page is set up.
 */
export function wireInputs(el: InputElements, onSources: (sources: Source[]) => void): () => void {
  const takeFiles = (): void => {
    const files = Array.from(el.fileInput.files ?? []);
    if (files.length) onSources(files.map(fileSource));
    // Picking the same file again must fire change again.
    el.fileInput.value = '';
  };
  el.fileInput.addEventListener('change', takeFiles);

  el.urlForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const source = urlSource(el.urlInput.value, document.baseURI);
    if (source) onSources([source]);
  });

  let depth = 0;
  const veil = (on: boolean): void => {
    el.dropVeil.hidden = !on;
  };
  addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    veil(true);
  });
  addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) veil(false);
  });
  addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  addEventListener('drop', (e) => {
    depth = 0;
    veil(false);
    const dt = e.dataTransfer;
    if (!dt) return;
    e.preventDefault();
    const files = Array.from(dt.files);
    if (files.length) return onSources(files.map(fileSource));
    const url = urlInText(dt.getData('text/uri-list') || dt.getData('text/plain'));
    if (url) {
      el.urlInput.value = url;
      onSources([urlSource(url, document.baseURI)!]);
    }
  });

  addEventListener('paste', (e) => {
    const dt = e.clipboardData;
    if (!dt) return;
    const files = Array.from(dt.files);
    if (files.length) {
      e.preventDefault();
      onSources(files.map(fileSource));
      return;
    }
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, textarea, [contenteditable]')) return;
    const url = urlInText(dt.getData('text/plain'));
    if (url) {
      e.preventDefault();
      el.urlInput.value = url;
      onSources([urlSource(url, document.baseURI)!]);
    }
  });
  return takeFiles;
}
