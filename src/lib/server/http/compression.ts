/**
 * Server-rendered pages go out gzip-compressed when the browser accepts it. A round page is about
 * 33 KB of HTML (its styles are inline) and about 7 KB compressed: on a slow phone connection the
 * difference is a few round trips before the pictures are even requested (BENCHMARKS.md).
 * adapter-node already serves the build's static files precompressed; this covers what SvelteKit
 * renders. Only HTML: event streams must reach the phone as each event is written, and the JSON
 * answers are small.
 */

/** Whether `Accept-Encoding` allows gzip: named, or `*`, with a quality above zero. */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	const qualities = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [coding, ...parameters] = part.trim().toLowerCase().split(';');
		if (!coding) continue;
		const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const quality = q === undefined ? 1 : Number(q.slice(2));
		qualities.set(coding.trim(), Number.isNaN(quality) ? 0 : quality);
	}
	const quality = qualities.get('gzip') ?? qualities.get('*') ?? 0;
	return quality > 0;
}

/**
 * `response` as the browser should get it: gzip-compressed if it is an HTML page with a body,
 * not already encoded, and `request` accepts gzip. Either way, a page says that its encoding
 * depends on `Accept-Encoding`, so a cache never hands one browser's copy to another.
 */
export function compressPage(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('text/html')) return response;
	response.headers.append('vary', 'Accept-Encoding');
	if (
		!response.body ||
		response.headers.has('content-encoding') ||
		request.method === 'HEAD' ||
		!acceptsGzip(request.headers.get('accept-encoding'))
	) {
		return response;
	}
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
