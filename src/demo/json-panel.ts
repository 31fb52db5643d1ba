/** The response panel: exactly the JSON text the module returned, with Copy and Download. */
import { saveBlob } from './downloads';

export interface JsonPanelElements {
  pre: HTMLElement;
  copy: HTMLButtonElement;
  download: HTMLButtonElement;
  note: HTMLElement;
}

export class JsonPanel {
  private text = '';
  private fileName = 'faceshape.json';
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly el: JsonPanelElements) {
    el.copy.addEventListener('click', () => void this.copy());
    el.download.addEventListener('click', () => saveBlob(new Blob([this.text], { type: 'application/json' }), this.fileName));
    this.show(null, '');
  }

  /** Shows `value` as JSON.stringify(value, null, 2); null empties the panel. */
  show(value: unknown, fileName: string): void {
    this.text = value === null ? '' : JSON.stringify(value, null, 2);
    this.fileName = fileName;
    this.el.pre.textContent = this.text;
    // Short texts (error envelopes) wrap to stay readable; long responses keep one point per
    // line unwrapped, which lays out much faster.
    this.el.pre.classList.toggle('wrap', this.text.length < 2000);
    this.el.copy.disabled = this.el.download.disabled = this.text === '';
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.note('Copied to the clipboard.');
    } catch {
      // No clipboard permission (or an insecure page): select the text for Ctrl+C instead.
      const range = document.createRange();
      range.selectNodeContents(this.el.pre);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.el.pre.focus();
      this.note('Selected: press Ctrl+C (⌘C) to copy.');
    }
  }

  private note(text: string): void {
    this.el.note.textContent = text;
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => (this.el.note.textContent = ''), 2500);
  }
}
