// Pixels in memory for the image parts, and the one way every served image is encoded, so that
// real and synthetic items cannot differ in encoder, quality or metadata.
import sharp from 'sharp';
import { SERVED_WEBP } from '../../lib/game/pack/served-images';
import { storeMedia } from './media-store';

/** An RGB image, 3 bytes a pixel, row by row. */
export interface Rgb {
	data: Uint8Array;
	width: number;
	height: number;
}

/** One served rendition, as the pack manifest lists it. */
export interface ImageRendition {
	src: string;
	type: 'image/webp';
	width: number;
	height: number;
}

/** A pixel rectangle inside an image. */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Loads a photo as RGB, turned by `rotate` degrees clockwise (KPhotoAlbum stores turns apart). */
export async function loadRgb(file: string, rotate = 0): Promise<Rgb> {
	const { data, info } = await sharp(file)
		.rotate(rotate)
		.removeAlpha()
		.toColourspace('srgb')
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Copies a rectangle out of an image. */
export function cropRgb(image: Rgb, rect: Rect): Rgb {
	const data = new Uint8Array(rect.width * rect.height * 3);
	for (let y = 0; y < rect.height; y++) {
		const from = ((rect.y + y) * image.width + rect.x) * 3;
		data.set(image.data.subarray(from, from + rect.width * 3), y * rect.width * 3);
	}
	return { data, width: rect.width, height: rect.height };
}

/** Writes an image as a PNG (for looking at intermediate results, and for the Python steps). */
export async function savePng(image: Rgb, file: string): Promise<void> {
	await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
		.png()
		.toFile(file);
}

/** Resizes to a width (height follows the aspect ratio), as the served renditions are resized. */
export async function resizeRgb(image: Rgb, width: number): Promise<Rgb> {
	if (width === image.width) return image;
	const height = Math.round((image.height * width) / image.width);
	const data = await sharp(image.data, {
		raw: { width: image.width, height: image.height, channels: 3 }
	})
		.resize(width, height, { kernel: 'lanczos3', fit: 'fill' })
		.raw()
		.toBuffer();
	return { data: new Uint8Array(data), width, height };
}

/** Resizes to each width (height follows the aspect ratio) and stores every rendition as WebP. */
export async function storeRenditions(image: Rgb, widths: number[]): Promise<ImageRendition[]> {
	const renditions: ImageRendition[] = [];
	for (const width of widths) {
		const height = Math.round((image.height * width) / image.width);
		// sharp writes no EXIF, XMP or ICC unless asked to (withMetadata), so the files carry none.
		const bytes = await sharp(image.data, {
			raw: { width: image.width, height: image.height, channels: 3 }
		})
			.resize(width, height, { kernel: 'lanczos3', fit: 'fill' })
			.webp(SERVED_WEBP)
			.toBuffer();
		renditions.push({ src: storeMedia(bytes, 'webp'), type: 'image/webp', width, height });
	}
	return renditions;
}
