// Reads what the pack's audit needs straight from the media bytes (no ffprobe, no manifest):
// dimensions, durations and every place a file could carry metadata. Small parsers for the three
// containers the default pack serves: WebP (RIFF), Ogg Opus and MP4 (ISO BMFF).

/** What one file says about itself. */
export interface Probe {
	format: 'webp' | 'ogg-opus' | 'mp4';
	width?: number;
	height?: number;
	/** Seconds. */
	duration?: number;
	/** Metadata found: each entry names the chunk, comment or box. Empty for a clean file. */
	metadata: string[];
	/** Identification the encoder writes into every file (Opus vendor, x264 settings string). */
	encoderTags: string[];
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...bytes.subarray(from, to));

/** Probes a file by its magic bytes; throws on a format the pack should not serve. */
export function probe(bytes: Uint8Array): Probe {
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return probeWebp(bytes);
	if (ascii(bytes, 0, 4) === 'OggS') return probeOgg(bytes);
	if (ascii(bytes, 4, 8) === 'ftyp') return probeMp4(bytes);
	throw new Error(`unknown media format (first bytes ${ascii(bytes, 0, 12)})`);
}

function probeWebp(bytes: Uint8Array): Probe {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const result: Probe = { format: 'webp', metadata: [], encoderTags: [] };
	for (let at = 12; at + 8 <= bytes.length;) {
		const fourcc = ascii(bytes, at, at + 4);
		const size = view.getUint32(at + 4, true);
		const data = at + 8;
		if (['EXIF', 'XMP ', 'ICCP'].includes(fourcc)) result.metadata.push(`${fourcc} chunk`);
		if (fourcc === 'VP8X') {
			const flags = bytes[data];
			if (flags & 0x20) result.metadata.push('VP8X ICC flag');
			if (flags & 0x08) result.metadata.push('VP8X EXIF flag');
			if (flags & 0x04) result.metadata.push('VP8X XMP flag');
			result.width = 1 + (bytes[data + 4] | (bytes[data + 5] << 8) | (bytes[data + 6] << 16));
			result.height = 1 + (bytes[data + 7] | (bytes[data + 8] << 8) | (bytes[data + 9] << 16));
		} else if (fourcc === 'VP8 ' && result.width === undefined) {
			result.width = view.getUint16(data + 6, true) & 0x3fff;
			result.height = view.getUint16(data + 8, true) & 0x3fff;
		} else if (fourcc === 'VP8L' && result.width === undefined) {
			const bits = view.getUint32(data + 1, true);
			result.width = (bits & 0x3fff) + 1;
			result.height = ((bits >>> 14) & 0x3fff) + 1;
		}
		at = data + size + (size % 2);
	}
	return result;
}

/** Splits an Ogg stream into its pages and packets (lacing values of 255 continue a packet). */
function oggPackets(bytes: Uint8Array): { packets: Uint8Array[]; lastGranule: bigint } {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const packets: Uint8Array[] = [];
	let pending: number[] = [];
	let lastGranule = 0n;
	for (let at = 0; at + 27 <= bytes.length;) {
		if (ascii(bytes, at, at + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${at}`);
		const granule = view.getBigInt64(at + 6, true);
		if (granule >= 0n) lastGranule = granule;
		const segments = bytes[at + 26];
		let data = at + 27 + segments;
		for (let i = 0; i < segments; i++) {
			const lace = bytes[at + 27 + i];
			pending.push(...bytes.subarray(data, data + lace));
			data += lace;
			if (lace < 255) {
				packets.push(Uint8Array.from(pending));
				pending = [];
			}
		}
		at = data;
	}
	return { packets, lastGranule };
}

function probeOgg(bytes: Uint8Array): Probe {
	const { packets, lastGranule } = oggPackets(bytes);
	const [head, tags] = packets;
	if (!head || ascii(head, 0, 8) !== 'OpusHead') throw new Error('Ogg stream is not Opus');
	if (!tags || ascii(tags, 0, 8) !== 'OpusTags') throw new Error('Opus stream has no OpusTags');
	const headView = new DataView(head.buffer, head.byteOffset, head.byteLength);
	const preSkip = headView.getUint16(10, true);
	const tagView = new DataView(tags.buffer, tags.byteOffset, tags.byteLength);
	const vendorLength = tagView.getUint32(8, true);
	const vendor = new TextDecoder().decode(tags.subarray(12, 12 + vendorLength));
	const count = tagView.getUint32(12 + vendorLength, true);
	const metadata: string[] = [];
	let at = 16 + vendorLength;
	for (let i = 0; i < count; i++) {
		const length = tagView.getUint32(at, true);
		metadata.push(
			`Opus comment ${new TextDecoder().decode(tags.subarray(at + 4, at + 4 + length))}`
		);
		at += 4 + length;
	}
	return {
		format: 'ogg-opus',
		// Opus granule positions count 48 kHz samples, including the decoder's pre-skip.
		duration: Number(lastGranule - BigInt(preSkip)) / 48000,
		metadata,
		encoderTags: [`opus vendor: ${vendor}`]
	};
}

/** Boxes that only hold other boxes, so the walk descends into them. */
const CONTAINERS = new Set([
	'moov',
	'trak',
	'mdia',
	'minf',
	'stbl',
	'edts',
	'dinf',
	'udta',
	'ilst'
]);

/**
 * Whether a box holds metadata. ffmpeg writes an empty udta/meta (a handler and an ilst with no
 * entries) even when told to write none: that carries nothing, so only real entries count: any
 * ilst item, anything in udta but meta, anything in meta but hdlr and ilst, and uuid/XMP boxes.
 */
function carriesMetadata(trail: string, type: string): boolean {
	if (type === 'uuid' || type === 'XMP_') return true;
	if (trail.endsWith('/ilst')) return true;
	if (trail.endsWith('/udta')) return type !== 'meta';
	if (trail.endsWith('/meta')) return type !== 'hdlr' && type !== 'ilst';
	return false;
}

function probeMp4(bytes: Uint8Array): Probe {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const result: Probe = { format: 'mp4', metadata: [], encoderTags: [] };
	const walk = (from: number, to: number, trail: string) => {
		for (let at = from; at + 8 <= to;) {
			let size = view.getUint32(at);
			const type = ascii(bytes, at + 4, at + 8);
			let header = 8;
			if (size === 1) {
				size = Number(view.getBigUint64(at + 8));
				header = 16;
			} else if (size === 0) {
				size = to - at;
			}
			const body = at + header;
			const here = `${trail}/${type}`;
			if (carriesMetadata(trail, type)) result.metadata.push(`${here} box`);
			if (type === 'mvhd') {
				const version = bytes[body];
				const timescale = view.getUint32(body + (version === 1 ? 20 : 12));
				const duration =
					version === 1 ? Number(view.getBigUint64(body + 24)) : view.getUint32(body + 16);
				result.duration = duration / timescale;
			}
			if (type === 'tkhd') {
				// Width and height are 16.16 fixed point, the last 8 bytes of the box.
				const width = view.getUint32(at + size - 8) / 65536;
				const height = view.getUint32(at + size - 4) / 65536;
				if (width > 0 && height > 0) {
					result.width = width;
					result.height = height;
				}
			}
			if (CONTAINERS.has(type)) walk(body, at + size, here);
			// meta is a full box: 4 bytes of version and flags come before its children.
			if (type === 'meta') walk(body + 4, at + size, here);
			at += size;
		}
	};
	walk(0, bytes.length, '');
	// x264 writes its version and every setting as text into the stream (an SEI message).
	const text = new TextDecoder('latin1').decode(bytes);
	for (const match of text.matchAll(/x264 - core [^\0]*/g)) result.encoderTags.push(match[0]);
	return result;
}
