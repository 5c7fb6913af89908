/**
 * Reading request bodies without letting a malformed one become a 500: every way a body can be
 * wrong (content type, multipart framing, UTF-8, JSON syntax, size) comes back as a result that
 * the route turns into a 4xx in its own format (a form error or a JSON problem).
 */
import type { IncomingMessage } from 'node:http';

/** Largest JSON body the app's endpoints accept: a verdict or a host command is far smaller. */
export const MAX_JSON_BYTES = 4096;

export type JsonBody =
	| { ok: true; body: unknown }
	| { ok: false; status: 400 | 413 | 415; reason: 'not-json' | 'too-large' | 'malformed' };

/**
 * A form post's fields, or null when the body is not a well-formed form (text/plain, broken
 * multipart, a body cut short). adapter-node's BODY_SIZE_LIMIT bounds its size.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/**
 * A form's fields as an object for a zod schema to read: each field's first value, and every
 * value of the fields named in `lists` (ticked boxes sharing a name). Absent fields are absent.
 */
export function formFields(
	form: FormData,
	lists: readonly string[] = []
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
	// fromEntries makes every field an own property, even one named __proto__.
	return Object.fromEntries(
		[...new Set(form.keys())].map((key) => [
			key,
			lists.includes(key) ? form.getAll(key) : form.get(key)!
		])
	);
}

/** What refuses a JSON body before it is read: its declared type and length. */
function refusedByHeaders(
	type: string | null | undefined,
	length: string | null | undefined,
	limit: number
): JsonBody | undefined {
	if (!/^application\/json\s*(;|$)/i.test(type ?? '')) {
		return { ok: false, status: 415, reason: 'not-json' };
	}
	if (Number(length ?? 0) > limit) return { ok: false, status: 413, reason: 'too-large' };
	return undefined;
}

// One decoder for every body: decoding without `stream` starts afresh each time, and a decoder
// made per request would cost more than the decoding (the hot path reads thousands a second).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's bytes as JSON: they must be valid UTF-8 and valid JSON. */
function parseJsonBytes(bytes: Uint8Array, limit: number): JsonBody {
	if (bytes.byteLength > limit) return { ok: false, status: 413, reason: 'too-large' };
	try {
		const text = utf8.decode(bytes);
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return MALFORMED;
	}
}

const MALFORMED: JsonBody = { ok: false, status: 400, reason: 'malformed' };

/**
 * A JSON body of at most `limit` bytes. Only `application/json` is read, which a cross-site
 * form cannot send; the bytes must be valid UTF-8 and valid JSON.
 */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<JsonBody> {
	const refused = refusedByHeaders(
		request.headers.get('content-type'),
		request.headers.get('content-length'),
		limit
	);
	if (refused) return refused;
	let bytes: ArrayBuffer;
	try {
		bytes = await request.arrayBuffer();
	} catch {
		return MALFORMED;
	}
	return parseJsonBytes(new Uint8Array(bytes), limit);
}

/**
 * The same, read from a plain Node request (the handlers in front of SvelteKit). Reading stops
 * at the first byte past `limit`, so a large body is never held in memory.
 */
export function readJsonFrom(incoming: IncomingMessage, limit = MAX_JSON_BYTES): Promise<JsonBody> {
	const refused = refusedByHeaders(
		incoming.headers['content-type'],
		incoming.headers['content-length'],
		limit
	);
	if (refused) return Promise.resolve(refused);
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const settle = (result: JsonBody) => {
			if (settled) return;
			settled = true;
			incoming.off('data', onData);
			resolve(result);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.byteLength;
			if (size > limit) settle({ ok: false, status: 413, reason: 'too-large' });
			else chunks.push(chunk);
		};
		incoming.on('data', onData);
		incoming.once('end', () => settle(parseJsonBytes(Buffer.concat(chunks, size), limit)));
		// A body cut short: the client went away or broke the framing.
		incoming.once('error', () => settle(MALFORMED));
		incoming.once('close', () => settle(MALFORMED));
	});
}
