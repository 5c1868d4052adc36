import { describe, expect, it } from 'vitest';
import { clientErrorResponse } from '../../../src/http/error-handler.js';

function parse(response: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  expect(/\r\nContent-Length: (\d+)/.exec(head)?.[1]).toBe(String(Buffer.byteLength(body)));
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]), headers: head, body: JSON.parse(body) };
}

describe('clientErrorResponse', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'request_too_large'],
    ['HPE_INVALID_CONTENT_LENGTH', 400, 'invalid_request'],
    ['HPE_INVALID_METHOD', 400, 'invalid_request'],
    [undefined, 400, 'invalid_request'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'invalid_request'],
  ])('%s: %i %s in OpenAI shape, and the connection closes', (code, status, publicCode) => {
    const r = parse(clientErrorResponse(code));
    expect(r.status).toBe(status);
    expect(r.headers).toContain('\r\nContent-Type: application/json');
    expect(r.headers).toContain('\r\nConnection: close');
    expect(r.body).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', code: publicCode, param: null } });
  });
});
