/**
 * The first look at a file a teacher uploads, before any decoder sees it: which image format its
 * bytes say it is (never its name), and why it is refused when it is none we take. A refusal is a
 * reason code; the page words it in the reader's language. Only these formats reach the decoder,
 * which then checks pixels and time (the server's teacher-pack images module).
 */
import { SNIFF_BYTES, sniffMedia } from './sniff';

/** The image formats a teacher may upload, as sniffMedia names them. */
export const UPLOAD_IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type UploadImageFormat = (typeof UPLOAD_IMAGE_FORMATS)[number];

export type UploadRefusal =
	| 'empty'
	| 'too-large'
	| 'svg'
	| 'markup'
	| 'executable'
	| 'archive'
	| 'polyglot'
	| 'sound-or-video'
	| 'not-an-image';

export type UploadCheck =
	{ ok: true; format: UploadImageFormat } | { ok: false; refusal: UploadRefusal };

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

/** Programs by their first bytes: ELF, Windows PE ("MZ"), Mach-O, WebAssembly, scripts. */
const EXECUTABLES: number[][] = [
	[0x7f, 0x45, 0x4c, 0x46],
	ascii('MZ'),
	[0xfe, 0xed, 0xfa, 0xce],
	[0xfe, 0xed, 0xfa, 0xcf],
	[0xce, 0xfa, 0xed, 0xfe],
	[0xcf, 0xfa, 0xed, 0xfe],
	[0xca, 0xfe, 0xba, 0xbe],
	[0x00, 0x61, 0x73, 0x6d],
	ascii('#!')
];

/** Archives by their first bytes: zip, gzip, 7z, rar, bzip2, xz. */
const ARCHIVES: number[][] = [
	ascii('PK\x03\x04'),
	ascii('PK\x05\x06'),
	[0x1f, 0x8b],
	[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
	ascii('Rar!'),
	ascii('BZh'),
	[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]
];

/**
 * Text that makes a file something a browser or an interpreter would run, if it ever reached one
 * as that: an image carrying it is a polyglot. Matched case-insensitively; each is long enough
 * (5 bytes or more) that compressed picture data does not hold it by chance.
 */
const ACTIVE_MARKERS = ['<script', '<html', '<?php', '<iframe', 'javascript:'];

/** A zip is read from its end: its end-of-central-directory record is in the last 64 KiB + 22 bytes. */
const ZIP_TAIL_BYTES = 65_535 + 22;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
	return signature.every((byte, i) => bytes[at + i] === byte);
}

/** Whether `needle` (lowercase ASCII) occurs in `bytes` from `from`, ignoring ASCII case. */
function containsAscii(bytes: Uint8Array, needle: string, from = 0): boolean {
	const codes = ascii(needle);
	const first = codes[0];
	const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte);
	outer: for (let at = from; at + codes.length <= bytes.length; at++) {
		if (lower(bytes[at]) !== first) continue;
		for (let i = 1; i < codes.length; i++) if (lower(bytes[at + i]) !== codes[i]) continue outer;
		return true;
	}
	return false;
}

/** The text a file starts with, after a byte-order mark and white space, lowercased. */
function leadingText(bytes: Uint8Array): string {
	let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
	while (at < bytes.length && [0x09, 0x0a, 0x0d, 0x20].includes(bytes[at])) at++;
	return String.fromCharCode(...bytes.subarray(at, at + 512)).toLowerCase();
}

/** Where a PNG's IEND chunk ends, or -1: anything after it is not part of the picture. */
function pngEnd(bytes: Uint8Array): number {
	const iend = ascii('IEND');
	for (let at = bytes.length - 8; at >= 8; at--) {
		if (startsWith(bytes, iend, at)) return at + 8; // the chunk type, then its 4-byte CRC
	}
	return -1;
}

/**
 * Whether a file that starts as an image also carries another format inside or after it. Bytes
 * after a JPEG's end are allowed: phones append their depth maps and second pictures there, and
 * the re-encoding keeps only the decoded picture.
 */
function isPolyglot(bytes: Uint8Array, format: UploadImageFormat): boolean {
	const zipTail = Math.max(0, bytes.length - ZIP_TAIL_BYTES);
	if (containsAscii(bytes, 'pk\x05\x06', zipTail)) return true;
	if (ACTIVE_MARKERS.some((marker) => containsAscii(bytes, marker))) return true;
	if (format === 'png') {
		const end = pngEnd(bytes);
		if (end === -1 || end < bytes.length) return true;
	}
	return false;
}

/** Containers of sound or video by their first bytes, beyond those sniffMedia names. */
const SOUND_CONTAINERS = new Set(['mp4', 'ogg', 'ogg-opus', 'webm', 'matroska']);

/**
 * Whether a file's first bytes (SNIFF_BYTES of them) are a sound or video file a teacher may
 * bring: WAV, MP3, MP4/M4A/MOV, Ogg, WebM. The editor converts these in the teacher's browser
 * before sending them; the server never decodes them.
 */
export function isSoundOrVideo(head: Uint8Array): boolean {
	const sniffed = sniffMedia(head);
	if (sniffed && SOUND_CONTAINERS.has(sniffed)) return true;
	const text = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
	if (text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') return true;
	if (text(0, 3) === 'ID3') return true;
	// An MPEG audio frame: eleven sync bits, then a layer other than "reserved".
	return head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0;
}

/**
 * Whether `bytes` are an image a teacher may upload, by their content alone, and of at most
 * `maxBytes`. Refused with the first reason that applies: what the file is, when it is not an
 * image, matters more to the teacher than its size.
 */
export function checkUpload(bytes: Uint8Array, maxBytes: number): UploadCheck {
	if (bytes.length === 0) return { ok: false, refusal: 'empty' };
	const sniffed = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
	const format = UPLOAD_IMAGE_FORMATS.find((known) => known === sniffed);
	if (!format) {
		const text = leadingText(bytes);
		if (text.includes('<svg')) return { ok: false, refusal: 'svg' };
		if (text.startsWith('<')) return { ok: false, refusal: 'markup' };
		if (EXECUTABLES.some((signature) => startsWith(bytes, signature))) {
			return { ok: false, refusal: 'executable' };
		}
		if (ARCHIVES.some((signature) => startsWith(bytes, signature))) {
			return { ok: false, refusal: 'archive' };
		}
		// Sound and video come converted by the editor's script; a browser without it sends them
		// as they are, and the teacher needs to know why they were not taken.
		if (isSoundOrVideo(bytes.subarray(0, SNIFF_BYTES))) {
			return { ok: false, refusal: 'sound-or-video' };
		}
		return { ok: false, refusal: 'not-an-image' };
	}
	if (bytes.length > maxBytes) return { ok: false, refusal: 'too-large' };
	if (isPolyglot(bytes, format)) return { ok: false, refusal: 'polyglot' };
	return { ok: true, format };
}
