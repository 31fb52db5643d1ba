/** The request options as form controls, and the legend that shows or hides each group. */
import type { FaceModelVersion, GroupName, GroupSpec } from '/faceshape.js';

export interface RequestOptions {
  mode: 0 | 1;
  face_model_version: FaceModelVersion;
  need_rotate_detection: 0 | 1;
}

export interface OptionElements {
  mode: HTMLSelectElement;
  version: HTMLSelectElement;
  rotate: HTMLInputElement;
}

export function readOptions(el: OptionElements): RequestOptions {
  return {
    mode: el.mode.value === '1' ? 1 : 0,
    face_model_version: el.version.value === '2.0' ? '2.0' : '3.0',
    need_rotate_detection: el.rotate.checked ? 1 : 0,
  };
}

export function onOptionsChange(el: OptionElements, listener: () => void): void {
  for (const control of [el.mode, el.version, el.rotate]) control.addEventListener('change', listener);
}

/** Fills the legend: one checkbox per group, with its colour and number of points. */
export function buildLegend(list: HTMLElement, groups: readonly GroupSpec[], onChange: (hidden: Set<GroupName>) => void): void {
  const hidden = new Set<GroupName>();
  list.replaceChildren(
    ...groups.map((g) => {
      const li = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) hidden.delete(g.name);
        else hidden.add(g.name);
        onChange(new Set(hidden));
      });
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      swatch.style.backgroundColor = g.color;
      const name = document.createElement('span');
      name.className = 'legend-name';
      name.textContent = g.name;
      const size = document.createElement('span');
      size.className = 'legend-size';
      size.textContent = String(g.size);
      size.title = `${g.size} ${g.size === 1 ? 'point' : 'points'}`;
      label.title = g.order;
      label.append(box, swatch, name, size);
      li.append(label);
      return li;
    }),
  );
}
