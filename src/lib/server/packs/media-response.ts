/**
 * A media file as an HTTP response, with the byte ranges that audio and video elements ask for.
 * No ETag or Last-Modified: either would be the same for an item in every run and so would name
 * it across runs, which its opaque address must not (media-links.ts).
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

/** One byte range of a file of `size` bytes, or 'unsatisfiable', or null for the whole file. */
export function byteRange(
	header: string | null,
	size: number
): { start: number; end: number } | 'unsatisfiable' | null {
	// Several ranges (or anything else) are answered with the whole file, as RFC 9110 allows.
	const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
	if (!match || (!match[1] && !match[2])) return null;
	if (!match[1]) {
		const suffix = Number(match[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
	if (start >= size || start > end) return 'unsatisfiable';
	return { start, end };
}

/** The file at `file` as `type`, whole or the range the request asks for; 404 if it is gone. */
export function mediaFileResponse(
	request: Request,
	file: string,
	type: string,
	cacheControl: string
): Response {
	let size: number;
	try {
		const stat = statSync(file);
		if (!stat.isFile()) throw new Error('not a file');
		size = stat.size;
	} catch {
		console.warn(`[404] ${request.method} media: ${file} is missing`);
		return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
	}
	const headers: Record<string, string> = {
		'Content-Type': type,
		'Accept-Ranges': 'bytes',
		'Cache-Control': cacheControl
	};
	const range = byteRange(request.headers.get('range'), size);
	if (range === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'Content-Range': `bytes */${size}` }
		});
	}
	const { start, end } = range ?? { start: 0, end: size - 1 };
	const length = size === 0 ? 0 : end - start + 1;
	const body =
		request.method === 'HEAD' || length === 0
			? null
			: (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
	return new Response(body, {
		status: range ? 206 : 200,
		headers: {
			...headers,
			'Content-Length': String(length),
			...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {})
		}
	});
}
