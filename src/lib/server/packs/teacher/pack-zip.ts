/**
 * Reading a pack zip a teacher imports (the format export.ts writes: `<folder>/manifest.json`
 * and `<folder>/media/…`), as the untrusted archive it is. Everything is decided from the zip's
 * central directory before a single byte is inflated: how many entries, how big they say they
 * unpack to in all (a zip bomb is refused here), their names (no `..`, no absolute or Windows
 * paths, no links, nothing encrypted). Each entry is then inflated a kilobyte of input at a time
 * into a buffer of its announced size, stopping as soon as it gives more than it announced (an
 * entry lying about its size costs no more than it said it would), and its CRC must match. fflate inflates; the directory is read here because fflate does not say
 * which entries are links.
 */
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';

/** The largest zip a teacher may import; src/server.js lets a request body this big through. */
export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
/** The most entries a pack zip may have (a manifest and a few hundred media files). */
export const MAX_ZIP_ENTRIES = 1000;
/** The most bytes all entries may unpack to together, as the directory announces them. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

export type ZipRefusal =
	| 'too-large'
	| 'not-a-zip'
	| 'malformed'
	| 'too-many-entries'
	| 'too-big-unzipped'
	| 'encrypted'
	| 'unsafe-path'
	| 'link'
	| 'unknown-file'
	| 'no-manifest';

export type ZipResult =
	| { ok: true; folder: string; files: Map<string, Uint8Array> }
	| { ok: false; refusal: ZipRefusal; entry?: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
/** Made on Unix: the upper half of the external attributes is the file's mode. */
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

interface Entry {
	name: string;
	method: number;
	crc: number;
	packed: number;
	size: number;
	offset: number;
}

/** Where the end-of-central-directory record starts: within the last 64 KiB + 22 bytes. */
function endOfDirectory(view: DataView): number {
	for (let at = view.byteLength - 22; at >= 0 && view.byteLength - at <= 65_557; at--) {
		if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
	}
	return -1;
}

/**
 * Whether a name is a plain relative path: forward slashes, no empty, `.` or `..` segment, no
 * drive letter, backslash or control character (unzip tools disagree on what those mean).
 */
export function isSafeZipPath(name: string): boolean {
	if (name === '' || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
	// eslint-disable-next-line no-control-regex
	if (/[\\\u0000-\u001f\u007f]/.test(name)) return false;
	const segments = name.replace(/\/$/, '').split('/');
	return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Files a computer adds when it zips a folder, which are not part of any pack. */
const SYSTEM_FILE = /(?:^|\/)(?:__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** The central directory's entries, or why the zip is refused before anything is inflated. */
function directory(
	bytes: Uint8Array
): { ok: true; entries: Entry[] } | Extract<ZipResult, { ok: false }> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = endOfDirectory(view);
	if (end < 0) {
		// A zip's first entry but no directory at its end: a zip cut short (a download that
		// stopped), which exporting again mends, not some other kind of file.
		const started = bytes.length >= 4 && view.getUint32(0, true) === LOCAL_ENTRY;
		return { ok: false, refusal: started ? 'malformed' : 'not-a-zip' };
	}
	const count = view.getUint16(end + 10, true);
	const size = view.getUint32(end + 12, true);
	const start = view.getUint32(end + 16, true);
	// Split archives and ZIP64 (0xffff entries, 0xffffffff offsets) are never a pack's.
	if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
		return { ok: false, refusal: 'malformed' };
	}
	if (count > MAX_ZIP_ENTRIES) return { ok: false, refusal: 'too-many-entries' };
	if (start + size > end) return { ok: false, refusal: 'malformed' };
	const names = new TextDecoder('utf-8', { fatal: true });
	const entries: Entry[] = [];
	let total = 0;
	let at = start;
	for (let i = 0; i < count; i++) {
		if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
			return { ok: false, refusal: 'malformed' };
		}
		const madeBy = view.getUint8(at + 5);
		const flags = view.getUint16(at + 8, true);
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		const external = view.getUint32(at + 38, true);
		if (at + 46 + nameLength > end) return { ok: false, refusal: 'malformed' };
		let name: string;
		try {
			name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
		} catch {
			return { ok: false, refusal: 'unsafe-path' };
		}
		const entry: Entry = {
			name,
			method: view.getUint16(at + 10, true),
			crc: view.getUint32(at + 16, true),
			packed: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			offset: view.getUint32(at + 42, true)
		};
		at += 46 + nameLength + extraLength + commentLength;
		if (!isSafeZipPath(name)) return { ok: false, refusal: 'unsafe-path', entry: name };
		if (madeBy === UNIX_HOST && ((external >>> 16) & S_IFMT) === S_IFLNK) {
			return { ok: false, refusal: 'link', entry: name };
		}
		if (flags & 0x1) return { ok: false, refusal: 'encrypted', entry: name };
		if (entry.method !== 0 && entry.method !== 8)
			return { ok: false, refusal: 'malformed', entry: name };
		if (entries.some((other) => other.name === name)) {
			return { ok: false, refusal: 'malformed', entry: name };
		}
		total += entry.size;
		if (total > MAX_UNZIPPED_BYTES) return { ok: false, refusal: 'too-big-unzipped' };
		entries.push(entry);
	}
	return { ok: true, entries };
}

/** Compressed bytes handed to the inflater at once: at most about a megabyte comes out of them. */
const INFLATE_SLICE = 1024;

/** A deflated stream's bytes if they come to exactly `size`; null as soon as they would not. */
function inflateAtMost(packed: Uint8Array, size: number): Uint8Array | null {
	const out = new Uint8Array(size);
	let written = 0;
	let overflow = false;
	let ended = false;
	const inflater = new Inflate((chunk, final) => {
		if (written + chunk.length > size) overflow = true;
		else out.set(chunk, written);
		written += chunk.length;
		ended ||= final;
	});
	try {
		for (let at = 0; at < packed.length && !overflow; at += INFLATE_SLICE) {
			const end = Math.min(packed.length, at + INFLATE_SLICE);
			inflater.push(packed.subarray(at, end), end === packed.length);
		}
	} catch {
		return null;
	}
	return !overflow && ended && written === size ? out : null;
}

/** One entry's bytes: inflated into exactly its announced size, then checked by its CRC. */
function contents(bytes: Uint8Array, entry: Entry, directoryStart: number): Uint8Array | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (entry.offset + 30 > directoryStart || view.getUint32(entry.offset, true) !== LOCAL_ENTRY) {
		return null;
	}
	const dataStart =
		entry.offset +
		30 +
		view.getUint16(entry.offset + 26, true) +
		view.getUint16(entry.offset + 28, true);
	const dataEnd = dataStart + entry.packed;
	if (dataEnd > directoryStart) return null;
	const packed = bytes.subarray(dataStart, dataEnd);
	let data: Uint8Array;
	if (entry.method === 0) {
		if (entry.packed !== entry.size) return null;
		data = packed;
	} else {
		const inflated = inflateAtMost(packed, entry.size);
		if (!inflated) return null;
		data = inflated;
	}
	if (data.length !== entry.size || crc32(data) >>> 0 !== entry.crc) return null;
	return data;
}

/**
 * The files of a pack zip by their path inside the pack folder (`manifest.json`,
 * `media/<file>`), or why it is refused (with the entry at fault when there is one). The pack
 * may be one folder deep, as an export is, or at the zip's root.
 */
export function readPackZip(bytes: Uint8Array): ZipResult {
	if (bytes.length > MAX_ZIP_BYTES) return { ok: false, refusal: 'too-large' };
	if (bytes.length < 22) return { ok: false, refusal: 'not-a-zip' };
	const listed = directory(bytes);
	if (!listed.ok) return listed;
	const files = listed.entries.filter(
		(entry) => !entry.name.endsWith('/') && !SYSTEM_FILE.test(entry.name)
	);
	const manifest = files.find((entry) => /^(?:[^/]+\/)?manifest\.json$/.test(entry.name));
	if (!manifest) return { ok: false, refusal: 'no-manifest' };
	const folder = manifest.name.slice(0, -'manifest.json'.length);
	for (const entry of files) {
		const inside = entry.name.slice(folder.length);
		if (!entry.name.startsWith(folder) || !/^(?:manifest\.json|media\/[^/]+)$/.test(inside)) {
			return { ok: false, refusal: 'unknown-file', entry: entry.name };
		}
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const directoryStart = view.getUint32(endOfDirectory(view) + 16, true);
	const result = new Map<string, Uint8Array>();
	for (const entry of files) {
		const data = contents(bytes, entry, directoryStart);
		if (!data) return { ok: false, refusal: 'malformed', entry: entry.name };
		result.set(entry.name.slice(folder.length), data);
	}
	return { ok: true, folder: folder.replace(/\/$/, ''), files: result };
}
