/**
 * What a media file is by its first bytes, never by its name: the pack loader checks each file
 * against its declared type with it, and a teacher's upload is accepted or refused by it.
 */

/** Enough bytes to see every signature we check (ftyp brands, the Opus head, the EBML doctype). */
export const SNIFF_BYTES = 64;

/** What a file's first bytes say it is, or null if none of the formats packs may use. */
export function sniffMedia(bytes: Uint8Array): string | null {
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
	if (ascii(4, 8) === 'ftyp') {
		// The ftyp box: major brand, minor version, then compatible brands to the end of the box.
		const boxEnd = Math.min(
			bytes.length,
			(bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]
		);
		const brands = [ascii(8, 12)];
		for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(at, at + 4));
		if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'avif';
		if (brands.some((brand) => ['heic', 'heix', 'mif1', 'msf1'].includes(brand))) return 'heif';
		return 'mp4';
	}
	if (ascii(0, 4) === 'OggS') return ascii(28, 36) === 'OpusHead' ? 'ogg-opus' : 'ogg';
	if (starts([0x1a, 0x45, 0xdf, 0xa3]))
		return ascii(0, bytes.length).includes('webm') ? 'webm' : 'matroska';
	return null;
}
