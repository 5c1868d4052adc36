import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../src/errors.js';
import { retrieveQuery } from '../../../src/routes/retrieve-query.js';

function refusal(url: string): { code: string; message: string } {
  try {
    retrieveQuery(url);
  } catch (err) {
    if (isGatewayError(err)) return { code: err.publicCode, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('retrieveQuery (GET /v1/responses/{id})', () => {
  it('passes on the retrieve parameters as the SDKs send them', () => {
    expect(retrieveQuery('/v1/responses/resp_1')).toBe('');
    expect(retrieveQuery('/v1/responses/resp_1?')).toBe('');
    expect(retrieveQuery('/v1/responses/resp_1?include%5B%5D=message.output_text.logprobs&include%5B%5D=reasoning.encrypted_content&stream=true')).toBe(
      '?include%5B%5D=message.output_text.logprobs&include%5B%5D=reasoning.encrypted_content&stream=true',
    );
    expect(retrieveQuery('/v1/responses/resp_1?include[]=file_search_call.results&starting_after=12&include_obfuscation=false')).toBe(
      '?include%5B%5D=file_search_call.results&starting_after=12&include_obfuscation=false',
    );
  });

  it('drops parameters the retrieve call does not take (their values were never scanned)', () => {
    expect(retrieveQuery('/v1/responses/resp_1?note=jane.doe%40example.com&user=Jane+Doe')).toBe('');
    expect(retrieveQuery('/v1/responses/resp_1?note=x&stream=false')).toBe('?stream=false');
  });

  it('refuses a known parameter with a value of another form, naming the parameter and not the value', () => {
    for (const url of ['/x?include[]=jane.doe%40example.com', '/x?stream=yes', '/x?starting_after=-1', '/x?include_obfuscation=1', '/x?include=Jane%20Doe']) {
      const r = refusal(url);
      expect(r.code).toBe('invalid_request');
      expect(r.message).toMatch(/query parameter (include\[\]|include|stream|starting_after|include_obfuscation)/);
      expect(r.message).not.toMatch(/jane|Jane|yes/);
    }
  });
});
