/** base64url (RFC 4648 section 5) without padding, strict enough that each byte string has one spelling. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const chunk = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
		for (let c = 0; c < chars; c++) out += ALPHABET[(chunk >>> (18 - 6 * c)) & 63];
	}
	return out;
}

/** Decodes canonical unpadded base64url; null for any other string (bad characters, stray bits). */
export function fromBase64Url(text: string): Uint8Array | null {
	if (text.length % 4 === 1 || text.length > 4096) return null;
	const values: number[] = [];
	for (const char of text) {
		const value = ALPHABET.indexOf(char);
		if (value < 0) return null;
		values.push(value);
	}
	const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
	let bits = 0;
	let width = 0;
	let at = 0;
	for (const value of values) {
		bits = ((bits << 6) | value) & 0xffff;
		width += 6;
		if (width >= 8) {
			width -= 8;
			bytes[at++] = (bits >>> width) & 0xff;
		}
	}
	// Leftover bits must be zero, or two strings would decode to the same bytes.
	if (width > 0 && (bits & ((1 << width) - 1)) !== 0) return null;
	return bytes;
}
