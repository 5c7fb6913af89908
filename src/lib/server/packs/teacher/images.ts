/**
 * A teacher's picture, made safe to serve: the bytes are checked before any decoder sees them
 * (checkUpload: the type by content, SVG, programs, archives and polyglots refused), decoded by
 * libvips through sharp with limits on bytes, pixels and time, turned upright by its EXIF
 * orientation, cropped to 4:3 from the centre and re-encoded at the served sizes as every served
 * picture is (SERVED_WEBP). sharp writes no EXIF, XMP, IPTC, ICC or C2PA unless asked to, so the
 * served files carry none; the upload itself is never written to disk or served.
 */
import sharp from 'sharp';
import { checkUpload, type UploadRefusal } from '$lib/game/pack/upload';
import { SERVED_WEBP, TEACHER_IMAGE_SIZES } from '$lib/game/pack/served-images';
import type { Look } from '$lib/game/pack/teacher';
import { pictureLook } from '$lib/game/pack/picture-look';
import { servedFiles, type ServedFile } from './served-files';

/** The largest file a teacher may upload. src/server.js lets a request body this big through. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The most pixels a picture may have (a 50-megapixel camera's); checked from the header. */
export const MAX_PIXELS = 50_000_000;
/** The smallest picture served without enlarging it: the full width's half, at 4:3. */
export const MIN_SIDES = { long: 640, short: 480 };
/** Seconds the decoder may take over one picture. */
const DECODE_SECONDS = 15;

export type ImageRefusal =
	UploadRefusal | 'too-many-pixels' | 'too-small' | 'too-slow' | 'undecodable';

export interface ProcessedImage {
	/** One encoded file per served size, phone first. */
	renditions: Array<{ bytes: Buffer; width: number; height: number }>;
	/** How the largest rendition looks, for the pair's give-away warnings. */
	look: Look;
}

export type ImageResult =
	{ ok: true; image: ProcessedImage } | { ok: false; refusal: ImageRefusal };

/** sharp's own names for the formats checkUpload lets through (AVIF is HEIF with AV1 inside). */
const SHARP_FORMATS: Record<string, string> = {
	jpeg: 'jpeg',
	png: 'png',
	webp: 'webp',
	avif: 'heif'
};

function decoder(bytes: Uint8Array) {
	// failOn 'warning': a truncated or corrupt file is refused, not served half grey (libjpeg only
	// warns about a JPEG cut short). A teacher can export it again; players cannot unsee grey.
	return sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'warning', pages: 1 });
}

/** Decodes and re-encodes an uploaded picture, or says why it will not be served. */
export async function processImage(bytes: Uint8Array): Promise<ImageResult> {
	const checked = checkUpload(bytes, MAX_UPLOAD_BYTES);
	if (!checked.ok) return checked;
	try {
		const header = await decoder(bytes).metadata();
		if (header.format !== SHARP_FORMATS[checked.format])
			return { ok: false, refusal: 'undecodable' };
		const { width = 0, height = 0 } = header;
		if (Math.max(width, height) < MIN_SIDES.long || Math.min(width, height) < MIN_SIDES.short) {
			return { ok: false, refusal: 'too-small' };
		}
		const largest = TEACHER_IMAGE_SIZES[TEACHER_IMAGE_SIZES.length - 1];
		// Decoded once, upright, without transparency (a see-through background would differ
		// between the two sides of a pair), at the largest served size.
		const { data, info } = await decoder(bytes)
			.rotate()
			.flatten({ background: '#ffffff' })
			.toColourspace('srgb')
			.resize(largest.width, largest.height, {
				fit: 'cover',
				position: 'centre',
				kernel: 'lanczos3'
			})
			.raw()
			.timeout({ seconds: DECODE_SECONDS })
			.toBuffer({ resolveWithObject: true });
		const raw = { width: info.width, height: info.height, channels: info.channels };
		const renditions = [];
		for (const size of TEACHER_IMAGE_SIZES) {
			const encoded = await sharp(data, { raw })
				.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' })
				.webp(SERVED_WEBP)
				.timeout({ seconds: DECODE_SECONDS })
				.toBuffer();
			renditions.push({ bytes: encoded, width: size.width, height: size.height });
		}
		// What the editor's warnings compare (lookWarnings).
		const look: Look = pictureLook(data, info.width, info.height, info.channels);
		return { ok: true, image: { renditions, look } };
	} catch (error) {
		const message = (error as Error).message ?? '';
		if (/pixel limit/i.test(message)) return { ok: false, refusal: 'too-many-pixels' };
		if (/timeout/i.test(message)) return { ok: false, refusal: 'too-slow' };
		return { ok: false, refusal: 'undecodable' };
	}
}

/** A processed picture's files as a pack holds them, phone first (served-files.ts). */
export function pictureFiles(image: ProcessedImage): ServedFile[] {
	return servedFiles(
		image.renditions.map(({ bytes, width, height }) => ({
			bytes,
			rendition: { type: 'image/webp', width, height },
			extension: 'webp'
		}))
	);
}
