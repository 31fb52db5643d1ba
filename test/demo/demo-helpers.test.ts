import { describe, expect, it } from 'vitest';
import { entryState } from '../../src/demo/batch-list';
import { cameraErrorMessage } from '../../src/demo/camera-errors';
import { baseName, jsonLines } from '../../src/demo/downloads';
import { describeError } from '../../src/demo/error-text';
import { FrameMeter, formatRate } from '../../src/demo/frame-meter';
import { urlInText, urlSource } from '../../src/demo/input-sources';

describe('FrameMeter', () => {
  it('gives frames per second over its window and the mean work time', () => {
    const m = new FrameMeter(5);
    expect(m.fps).toBeUndefined();
    for (let k = 0; k < 10; k++) m.add(1000 + k * 50, k < 5 ? 100 : 40);
    expect(m.fps).toBeCloseTo(20, 10);
    expect(m.msPerFrame).toBe(40);
    m.reset();
    expect(m.msPerFrame).toBeUndefined();
  });

  it('formats the rate for the page', () => {
    expect(formatRate(14.26, 61.7)).toBe('14.3 fps · 62 ms per frame');
    expect(formatRate(undefined, 50)).toBe('starting…');
  });
});

describe('downloads', () => {
  it('names downloads after the image', () => {
    expect(baseName('holiday.photo.jpg')).toBe('holiday.photo');
    expect(baseName('https://example.com/a/b/face.png?size=2#x')).toBe('face');
    expect(baseName('my photo (1).jpeg')).toBe('my_photo_1_');
    expect(baseName('')).toBe('image');
  });

  it('writes one JSON object a line', () => {
    expect(jsonLines([{ a: 1 }, { b: [2] }])).toBe('{"a":1}\n{"b":[2]}\n');
    expect(jsonLines([])).toBe('');
  });
});

describe('input sources', () => {
  it('makes URLs absolute against the page', () => {
    expect(urlSource(' /samples/group.jpg ', 'http://127.0.0.1:4173/')).toEqual({ kind: 'url', url: 'http://127.0.0.1:4173/samples/group.jpg', name: '/samples/group.jpg' });
    expect(urlSource('', 'http://x/')).toBeNull();
    expect(urlSource('data:image/png;base64,AAAA', 'http://x/')!.name).toBe('data: URL');
  });

  it('finds a lone http(s) URL in dropped or pasted text', () => {
    expect(urlInText('# comment\r\nhttps://example.com/a.jpg\r\n')).toBe('https://example.com/a.jpg');
    expect(urlInText('see https://example.com/a.jpg')).toBeNull();
    expect(urlInText('javascript:alert(1)')).toBeNull();
  });
});

describe('messages', () => {
  it('says why the camera did not start', () => {
    expect(cameraErrorMessage(new DOMException('x', 'NotAllowedError'))).toMatch(/refused/);
    expect(cameraErrorMessage(new DOMException('x', 'NotFoundError'))).toMatch(/No camera/);
    expect(cameraErrorMessage(new DOMException('x', 'NotReadableError'))).toMatch(/another application/);
    expect(cameraErrorMessage(Object.assign(new Error('x'), { name: 'InsecureContext' }))).toMatch(/https/);
    expect(cameraErrorMessage(new Error('odd'))).toMatch(/odd/);
  });

  it('titles an analysis error with the image and keeps the module message', () => {
    const d = describeError({ success: false, error: { code: 'api_error', message: 'fetch failed' }, trace_id: 't' }, 'x.jpg');
    expect(d.title).toBe('Could not analyse x.jpg');
    expect(d.detail).toMatch(/^fetch failed\. /);
    expect(describeError({ success: false, error: { code: 'not_an_image', message: 'M' }, trace_id: 't' }, 'y').detail).toBe('M');
  });

  it('states each batch entry in a word or two', () => {
    expect(entryState({ name: 'a', running: true })).toBe('analysing…');
    expect(entryState({ name: 'a', running: false })).toBe('waiting');
    expect(entryState({ name: 'a', running: false, outcome: { ok: false, ms: 1, error: { success: false, error: { code: 'not_an_image', message: '' }, trace_id: '' } } })).toBe('error: not_an_image');
  });
});
