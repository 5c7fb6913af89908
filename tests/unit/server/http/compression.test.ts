import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressPage } from '$lib/server/http/compression';

const page = '<!doctype html><title>Round</title>' + '<p>A picture pair.</p>'.repeat(200);

function request(acceptEncoding?: string, method = 'GET') {
	return new Request('http://localhost/play/abc', {
		method,
		headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
	});
}

function response(body: string | null, type = 'text/html', extra: Record<string, string> = {}) {
	return new Response(body, {
		status: 200,
		headers: { 'content-type': type, 'content-length': String(body?.length ?? 0), ...extra }
	});
}

describe('acceptsGzip', () => {
	it.each([
		['gzip, deflate, br', true],
		['br;q=1.0, gzip;q=0.8', true],
		['*', true],
		['GZIP', true],
		['br', false],
		['gzip;q=0', false],
		['gzip;q=0, *', false],
		['*;q=0', false],
		['gzip;q=nonsense', false],
		['', false]
	])('%j -> %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});

	it('says no without the header', () => {
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('compressPage', () => {
	it('gzips an HTML page for a browser that accepts it, with the same status and headers', async () => {
		const original = response(page, 'text/html; charset=utf-8', { 'x-frame-options': 'DENY' });
		const sent = compressPage(request('gzip, br'), original);
		expect(sent.headers.get('content-encoding')).toBe('gzip');
		expect(sent.headers.get('content-length')).toBeNull();
		expect(sent.headers.get('vary')).toBe('Accept-Encoding');
		expect(sent.headers.get('x-frame-options')).toBe('DENY');
		expect(sent.status).toBe(200);
		const bytes = Buffer.from(await sent.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 4);
		expect(gunzipSync(bytes).toString()).toBe(page);
	});

	it('keeps an existing Vary header and adds Accept-Encoding to it', () => {
		const sent = compressPage(request('gzip'), response(page, 'text/html', { vary: 'Cookie' }));
		expect(sent.headers.get('vary')).toBe('Cookie, Accept-Encoding');
	});

	it('sends the page as it is to a browser that does not accept gzip, still varying', async () => {
		for (const header of [undefined, 'br', 'gzip;q=0']) {
			const sent = compressPage(request(header), response(page));
			expect(sent.headers.get('content-encoding')).toBeNull();
			expect(sent.headers.get('vary')).toBe('Accept-Encoding');
			expect(await sent.text()).toBe(page);
		}
	});

	it('leaves event streams, JSON and already encoded pages alone', async () => {
		const stream = response('data: 1\n\n', 'text/event-stream');
		expect(compressPage(request('gzip'), stream)).toBe(stream);
		expect(stream.headers.get('vary')).toBeNull();
		const json = response('{"ok":true}', 'application/json');
		expect(compressPage(request('gzip'), json)).toBe(json);
		const encoded = response('already', 'text/html', { 'content-encoding': 'br' });
		expect(compressPage(request('gzip'), encoded).headers.get('content-encoding')).toBe('br');
	});

	it('does not compress a HEAD answer or a page without a body', () => {
		expect(
			compressPage(request('gzip', 'HEAD'), response(page)).headers.get('content-encoding')
		).toBeNull();
		expect(
			compressPage(request('gzip'), response(null)).headers.get('content-encoding')
		).toBeNull();
	});
});
