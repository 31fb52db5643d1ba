/** The list of images given at once: each with its state, selectable, and downloadable together. */
import type { Outcome } from './engine-protocol';

export interface BatchEntry {
  name: string;
  outcome?: Outcome;
  running: boolean;
}

export interface BatchElements {
  section: HTMLElement;
  progress: HTMLProgressElement;
  count: HTMLElement;
  list: HTMLOListElement;
  download: HTMLButtonElement;
}

export function entryState(entry: BatchEntry): string {
  if (entry.running) return 'analysing…';
  if (!entry.outcome) return 'waiting';
  if (!entry.outcome.ok) return `error: ${entry.outcome.error.error.code}`;
  const n = entry.outcome.response.face_shape_set.length;
  return n === 1 ? '1 face' : `${n} faces`;
}

export class BatchList {
  constructor(
    private readonly el: BatchElements,
    private readonly onSelect: (index: number) => void,
  ) {}

  /** Redraws the list; shown only when several images were given together. */
  render(entries: readonly BatchEntry[], current: number): void {
    const { section, progress, count, list, download } = this.el;
    section.hidden = entries.length < 2;
    const done = entries.filter((e) => e.outcome && !e.running).length;
    progress.max = Math.max(1, entries.length);
    progress.value = done;
    count.textContent = done === entries.length ? `${entries.length} images analysed` : `Analysing: ${done} of ${entries.length} done`;
    download.disabled = done === 0;
    const items = entries.map((entry, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'batch-item';
      if (i === current) button.setAttribute('aria-current', 'true');
      if (entry.outcome && !entry.outcome.ok && !entry.running) button.classList.add('failed');
      const name = document.createElement('span');
      name.className = 'batch-name';
      name.textContent = entry.name;
      const state = document.createElement('span');
      state.className = 'batch-state';
      state.textContent = entryState(entry);
      button.append(name, state);
      button.addEventListener('click', () => this.onSelect(i));
      li.append(button);
      return li;
    });
    // Keep keyboard focus on the same row across redraws.
    const focused = list.contains(document.activeElement) ? Array.from(list.querySelectorAll('button')).indexOf(document.activeElement as HTMLButtonElement) : -1;
    list.replaceChildren(...items);
    if (focused >= 0) items[focused]?.querySelector('button')?.focus();
  }
}
