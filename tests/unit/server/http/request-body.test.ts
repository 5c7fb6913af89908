import { describe, expect, it } from 'vitest';
import {
	MAX_JSON_BYTES,
	formFields,
	readForm,
	readJson
} from '../../../../src/lib/server/http/request-body';

const post = (body: BodyInit | null, type?: string, headers: Record<string, string> = {}) =>
	new Request('http://localhost/x', {
		method: 'POST',
		body,
		headers: { ...(type ? { 'content-type': type } : {}), ...headers }
	});

describe('readForm', () => {
	it('reads url-encoded and multipart forms', async () => {
		expect(
			(await readForm(post('code=123456', 'application/x-www-form-urlencoded')))?.get('code')
		).toBe('123456');
		const multipart = new FormData();
		multipart.set('nickname', 'Ada');
		expect((await readForm(post(multipart)))?.get('nickname')).toBe('Ada');
	});

	it('gives null for bodies that are not forms', async () => {
		expect(await readForm(post('code=1', 'text/plain'))).toBeNull();
		expect(await readForm(post('code=1'))).toBeNull();
		expect(await readForm(post('--x\r\nbroken', 'multipart/form-data; boundary=x'))).toBeNull();
		expect(await readForm(post('anything', 'multipart/form-data'))).toBeNull();
		expect(await readForm(post('{"a":1}', 'application/json'))).toBeNull();
	});
});

describe('formFields', () => {
	it('gives each field its first value, the listed ones every value, and nothing absent', () => {
		const form = new FormData();
		form.append('packId', 'default');
		form.append('kinds', 'image');
		form.append('kinds', 'video');
		form.append('round', '1');
		form.append('round', '2');
		expect(formFields(form, ['kinds', 'topics'])).toEqual({
			packId: 'default',
			kinds: ['image', 'video'],
			round: '1'
		});
	});

	it('keeps a field named __proto__ as a field, never as the prototype', () => {
		const form = new FormData();
		// A file is an object: assigned as __proto__, it would become the prototype.
		form.append('__proto__', new File(['x'], 'x.txt'));
		const fields = formFields(form);
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
		expect(Object.keys(fields)).toEqual(['__proto__']);
	});
});

describe('readJson', () => {
	it('reads a JSON object', async () => {
		expect(await readJson(post('{"round":0}', 'application/json; charset=utf-8'))).toEqual({
			ok: true,
			body: { round: 0 }
		});
	});

	it('refuses other content types with 415', async () => {
		for (const type of [
			undefined,
			'text/plain',
			'application/x-www-form-urlencoded',
			'application/jsonx'
		]) {
			expect(await readJson(post('{}', type))).toMatchObject({
				ok: false,
				status: 415,
				reason: 'not-json'
			});
		}
	});

	it('refuses bad JSON and invalid UTF-8 with 400', async () => {
		for (const body of ['{', '', 'round=0', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])]) {
			expect(await readJson(post(body, 'application/json'))).toMatchObject({
				ok: false,
				status: 400,
				reason: 'malformed'
			});
		}
	});

	it('refuses bodies over the limit with 413, by header or by bytes', async () => {
		const big = `"${'x'.repeat(MAX_JSON_BYTES)}"`;
		expect(await readJson(post(big, 'application/json'))).toMatchObject({ status: 413 });
		const stream = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(big));
				controller.close();
			}
		});
		const chunked = new Request('http://localhost/x', {
			method: 'POST',
			body: stream,
			headers: { 'content-type': 'application/json' },
			duplex: 'half'
		} as RequestInit);
		expect(await readJson(chunked)).toMatchObject({ status: 413, reason: 'too-large' });
		expect(
			await readJson(post('{}', 'application/json', { 'content-length': '99999' }))
		).toMatchObject({
			status: 413
		});
	});
});
