/**
 * Loads one pack folder from disk: the manifest, validated, and every media file it names,
 * checked to exist, to stay inside the folder and to be what its declared type says by its
 * magic bytes (not its extension). All problems are reported at once, each naming the manifest
 * file and the JSON path of the field at fault.
 */
import {
	closeSync,
	existsSync,
	openSync,
	readFileSync,
	readSync,
	realpathSync,
	statSync
} from 'node:fs';
import path from 'node:path';
import { mediaBaseType, validatePack, type Pack, type PackError } from '$lib/game/pack/schema';
import { SNIFF_BYTES, sniffMedia } from '$lib/game/pack/sniff';

export type PackLoad = { ok: true; pack: Pack; dir: string } | { ok: false; errors: PackError[] };

/** The sniffed formats a declared media type accepts. */
function accepted(type: string): string[] {
	switch (mediaBaseType(type)) {
		case 'image/png':
			return ['png'];
		case 'image/jpeg':
			return ['jpeg'];
		case 'image/webp':
			return ['webp'];
		case 'image/avif':
			return ['avif'];
		case 'audio/ogg':
			return /codecs\s*=\s*"?opus/i.test(type) ? ['ogg-opus'] : ['ogg', 'ogg-opus'];
		case 'audio/mp4':
		case 'video/mp4':
			return ['mp4'];
		case 'audio/webm':
		case 'video/webm':
			return ['webm'];
		default:
			return [];
	}
}

function readHead(file: string): Uint8Array {
	const head = new Uint8Array(SNIFF_BYTES);
	const fd = openSync(file, 'r');
	try {
		return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
	} finally {
		closeSync(fd);
	}
}

/** Why a rendition's file is not acceptable, or null if it is. */
function mediaProblem(dir: string, realDir: string, src: string, type: unknown): string | null {
	const segments = src.split(/[\\/]/);
	if (path.isAbsolute(src) || src.includes('\\') || segments.some((s) => s === '..' || s === '')) {
		return `must be a relative path inside the pack folder (got ${JSON.stringify(src)})`;
	}
	const file = path.resolve(dir, src);
	if (!file.startsWith(dir + path.sep)) return `resolves outside the pack folder: ${src}`;
	let real: string;
	try {
		real = realpathSync(file);
	} catch {
		return `file not found: ${src}`;
	}
	if (!real.startsWith(realDir + path.sep)) {
		return `is a symbolic link that leaves the pack folder: ${src}`;
	}
	if (!statSync(real).isFile()) return `is not a file: ${src}`;
	if (typeof type !== 'string') return null;
	const want = accepted(type);
	if (want.length === 0) return null;
	const found = sniffMedia(readHead(real));
	if (found && want.includes(found)) return null;
	return `${src} is not ${mediaBaseType(type)} by its content (its bytes look like ${found ?? 'no known media format'})`;
}

/** How errors name a file: relative to the working directory when inside it. */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads, validates and checks the pack in `dir` (a folder holding manifest.json and media/). */
export function loadPackFromDir(dir: string): PackLoad {
	const root = path.resolve(dir);
	const manifest = path.join(root, 'manifest.json');
	const file = displayPath(manifest);
	if (!existsSync(manifest)) {
		return {
			ok: false,
			errors: [{ file, path: '', message: 'not found: a pack folder needs a manifest.json' }]
		};
	}
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(manifest, 'utf8'));
	} catch (error) {
		return {
			ok: false,
			errors: [{ file, path: '', message: `is not valid JSON: ${(error as Error).message}` }]
		};
	}

	const validation = validatePack(json, file);
	const errors: PackError[] = validation.ok ? [] : [...validation.errors];
	if (isRecord(json)) {
		const folder = path.basename(root);
		if (typeof json.id === 'string' && json.id !== folder) {
			errors.push({ file, path: 'id', message: `must match the pack folder name "${folder}"` });
		}
		const realRoot = realpathSync(root);
		const items = Array.isArray(json.items) ? json.items : [];
		items.forEach((item, i) => {
			if (!isRecord(item) || !Array.isArray(item.media)) return;
			item.media.forEach((rendition, j) => {
				if (!isRecord(rendition) || typeof rendition.src !== 'string') return;
				const problem = mediaProblem(root, realRoot, rendition.src, rendition.type);
				if (problem) errors.push({ file, path: `items[${i}].media[${j}].src`, message: problem });
			});
		});
	}
	if (errors.length > 0 || !validation.ok) return { ok: false, errors };
	return { ok: true, pack: validation.pack, dir: root };
}
