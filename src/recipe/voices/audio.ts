// Audio in and out of the voice recipe. Everything between decoding and encoding happens on plain
// Float32 samples at one rate, so both sides of a pair go through exactly the same steps.
import { execFileSync, spawnSync } from 'node:child_process';

/** Every clip is worked on and encoded at the Asterisk G.722 prompts' own rate. */
export const RATE = 16000;

/** Mono samples at RATE. */
export type Samples = Float32Array;

const MAX_BUFFER = 256 * 1024 * 1024;

function ffmpeg(args: string[], input?: Uint8Array): Buffer {
	return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args], {
		input,
		maxBuffer: MAX_BUFFER
	});
}

function toSamples(raw: Buffer): Samples {
	// Copy into a fresh, aligned buffer: Node's Buffer may start at an odd offset of a shared pool.
	const copy = new Uint8Array(raw.byteLength);
	copy.set(raw);
	return new Float32Array(copy.buffer);
}

/**
 * Decodes any file ffmpeg reads (`inputArgs` may force a demuxer, e.g. ['-f', 'g722']) to mono at
 * RATE. The same channel filter is applied to every source: G.722 carries 50-7000 Hz, so the
 * synthesisers' energy above 7 kHz is removed too and bandwidth is no clue to which side is real.
 */
export function decode(file: string, inputArgs: string[] = []): Samples {
	const raw = ffmpeg([
		...inputArgs,
		'-i',
		file,
		'-af',
		// ffmpeg's own resampler: soxr gives different bytes from run to run, swr the same ones.
		`aresample=${RATE}:resampler=swr:filter_size=64,highpass=f=60,lowpass=f=7000`,
		'-ac',
		'1',
		'-f',
		'f32le',
		'-'
	]);
	return toSamples(raw);
}

/** Runs an ffmpeg audio filter chain over samples (e.g. atempo) and returns the result. */
export function filter(samples: Samples, chain: string): Samples {
	const raw = ffmpeg(
		['-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', '-', '-af', chain, '-f', 'f32le', '-'],
		bytesOf(samples)
	);
	return toSamples(raw);
}

/**
 * Integrated loudness (EBU R128 / ITU BS.1770, LUFS) to a hundredth of a LU, as ffmpeg's loudnorm
 * filter measures its input (ebur128 prints only tenths, too coarse to level two clips alike).
 */
export function loudness(samples: Samples): number {
	return measureLoudness(
		['-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', '-'],
		bytesOf(samples)
	);
}

/** The integrated loudness of an encoded file's bytes (e.g. Ogg Opus), as `loudness` measures it. */
export function encodedLoudness(file: Uint8Array): number {
	return measureLoudness(['-i', '-'], file);
}

function measureLoudness(inputArgs: string[], input: Uint8Array): number {
	// loudnorm prints its measurement on stderr, so spawnSync (which returns stderr) is used here.
	const result = spawnSync(
		'ffmpeg',
		['-hide_banner', '-nostdin', ...inputArgs, '-af', 'loudnorm=print_format=json'].concat([
			'-f',
			'null',
			'-'
		]),
		{ input, maxBuffer: MAX_BUFFER }
	);
	const text = String(result.stderr);
	if (result.status !== 0) throw new Error(`loudnorm failed: ${text}`);
	const match = /"input_i" : "(-?[\d.]+)"/.exec(text);
	if (!match) throw new Error('loudnorm printed no integrated loudness');
	return Number(match[1]);
}

/**
 * Encodes to Opus in Ogg with settings shared by every clip: hard constant bitrate (so the file
 * size follows the duration only, never the content), no tags, and bitexact muxing (so the Ogg
 * stream serial and the vendor string are the same on every run).
 */
export function encodeOpus(samples: Samples): Uint8Array {
	const ogg = ffmpeg(
		['-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', '-', '-map_metadata', '-1']
			.concat(['-c:a', 'libopus', '-b:a', OPUS_BITRATE, '-vbr', 'off', '-frame_duration', '20'])
			.concat(['-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'ogg', '-']),
		bytesOf(samples)
	);
	return withoutOpusComments(ogg);
}

/**
 * ffmpeg always writes an "encoder=Lavc libopus" comment into OpusTags, even with bitexact and no
 * metadata. This rewrites the Ogg page that holds OpusTags to keep the vendor string (the same in
 * every file) and no comments, with a fresh page checksum.
 */
export function withoutOpusComments(ogg: Uint8Array): Uint8Array {
	const view = new DataView(ogg.buffer, ogg.byteOffset, ogg.byteLength);
	const pageEnd = (at: number) => {
		const segments = ogg[at + 26];
		let size = 27 + segments;
		for (let i = 0; i < segments; i++) size += ogg[at + 27 + i];
		return at + size;
	};
	const second = pageEnd(0);
	const third = pageEnd(second);
	const body = ogg.subarray(second + 27 + ogg[second + 26], third);
	if (String.fromCharCode(...body.subarray(0, 8)) !== 'OpusTags' || ogg[third - 1] === undefined) {
		throw new Error('the second Ogg page does not hold OpusTags alone');
	}
	const vendorLength = view.getUint32(second + 27 + ogg[second + 26] + 8, true);
	const packet = new Uint8Array(16 + vendorLength);
	packet.set(body.subarray(0, 12 + vendorLength));
	const lacing = [...Array(Math.floor(packet.length / 255)).fill(255), packet.length % 255];
	const page = new Uint8Array(27 + lacing.length + packet.length);
	page.set(ogg.subarray(second, second + 26));
	page[26] = lacing.length;
	page.set(lacing, 27);
	page.set(packet, 27 + lacing.length);
	page.fill(0, 22, 26);
	new DataView(page.buffer).setUint32(22, oggCrc(page), true);
	const out = new Uint8Array(second + page.length + (ogg.length - third));
	out.set(ogg.subarray(0, second));
	out.set(page, second);
	out.set(ogg.subarray(third), second + page.length);
	return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let r = n << 24;
	for (let i = 0; i < 8; i++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
	return r >>> 0;
});

/** The Ogg page checksum: CRC-32, polynomial 0x04c11db7, not reflected, computed over the page. */
function oggCrc(page: Uint8Array): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	return crc;
}

/** Opus settings, recorded in every item's parameters. */
export const OPUS_BITRATE = '32k';

function bytesOf(samples: Samples): Uint8Array {
	return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
