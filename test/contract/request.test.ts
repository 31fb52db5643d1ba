import { describe, expect, it } from 'vitest';
import { FaceAnalyzeError, type ErrorCode } from '../../src/contract/errors';
import { validateRequest } from '../../src/contract/request';

const code = (request: unknown): ErrorCode | 'ok' => {
  try {
    validateRequest(request);
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(FaceAnalyzeError);
    return (e as FaceAnalyzeError).code;
  }
};

describe('request validation', () => {
  it.each([
    [null, 'invalid_request'],
    ['photo.jpg', 'invalid_request'],
    [{}, 'no_image'],
    [{ image_url: '' }, 'no_image'],
    [{ image_url: 'https://a/b.jpg', image_base64: 'AAAA' }, 'multiple_images'],
    [{ image_url: 'javascript:alert(1)' }, 'invalid_image_url'],
    [{ image_url: 'file:///etc/passwd' }, 'invalid_image_url'],
    [{ image_url: 'http://[bad' }, 'invalid_image_url'],
    [{ image_url: 42 }, 'invalid_request'],
    [{ image_url: 'https://a/b.jpg', mode: 'x' }, 'invalid_mode'],
    [{ image_url: 'https://a/b.jpg', mode: 2 }, 'invalid_mode'],
    [{ image_url: 'https://a/b.jpg', face_model_version: 3 }, 'invalid_face_model_version'],
    [{ image_url: 'https://a/b.jpg', face_model_version: '4.0' }, 'invalid_face_model_version'],
    [{ image_url: 'https://a/b.jpg', need_rotate_detection: 2 }, 'invalid_need_rotate_detection'],
    [{ image_url: 'https://a/b.jpg', need_rotate_detection: true }, 'invalid_need_rotate_detection'],
    [{ image_url: 'https://a/b.jpg', output: 'xml' }, 'invalid_request'],
    [{ image_url: 'https://a/b.jpg', mode: 1, face_model_version: '2.0', need_rotate_detection: 1 }, 'ok'],
  ])('%j → %s', (request, expected) => {
    expect(code(request)).toBe(expected);
  });

  it('fills the hosted API’s defaults', () => {
    expect(validateRequest({ image_base64: 'AAAA' })).toMatchObject({ mode: 0, version: '3.0', rotate: false, output: 'default' });
  });

  it('gives every error the envelope the API answers with', () => {
    const e = new FaceAnalyzeError('api_error');
    expect(e.toJSON()).toEqual({ success: false, error: { code: 'api_error', message: 'fetch failed' }, trace_id: e.traceId });
    expect(e.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.status).toBe(500);
  });
});
