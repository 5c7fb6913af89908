/**
 * The characters a TrueType or OpenType font has glyphs for, read from its cmap table (the
 * Unicode subtables of format 4 and 12, the two every Unicode font carries). Enough to ask "can
 * this font draw this text?" without a font library; see the OpenType spec's cmap chapter.
 */
export function fontCharacters(font: Buffer): Set<number> {
	const tables = font.readUInt16BE(4);
	let cmap = -1;
	for (let i = 0; i < tables; i++) {
		const record = 12 + i * 16;
		if (font.toString('latin1', record, record + 4) === 'cmap') {
			cmap = font.readUInt32BE(record + 8);
		}
	}
	if (cmap < 0) throw new Error('the font has no cmap table');
	const characters = new Set<number>();
	const subtables = font.readUInt16BE(cmap + 2);
	for (let i = 0; i < subtables; i++) {
		const record = cmap + 4 + i * 8;
		const platform = font.readUInt16BE(record);
		const encoding = font.readUInt16BE(record + 2);
		// Unicode subtables only: platform 0 (any but 14, variation sequences) or Windows 1/10.
		const unicode =
			(platform === 0 && encoding !== 5) || (platform === 3 && [1, 10].includes(encoding));
		if (!unicode) continue;
		const table = cmap + font.readUInt32BE(record + 4);
		const format = font.readUInt16BE(table);
		if (format === 4) readFormat4(font, table, characters);
		if (format === 12) readFormat12(font, table, characters);
	}
	return characters;
}

/** Segments of 16-bit code points, each mapped by a delta or through a glyph id array. */
function readFormat4(font: Buffer, table: number, into: Set<number>): void {
	const segments = font.readUInt16BE(table + 6) / 2;
	const ends = table + 14;
	const starts = ends + segments * 2 + 2;
	const deltas = starts + segments * 2;
	const offsets = deltas + segments * 2;
	for (let s = 0; s < segments; s++) {
		const end = font.readUInt16BE(ends + s * 2);
		const start = font.readUInt16BE(starts + s * 2);
		const delta = font.readInt16BE(deltas + s * 2);
		const rangeOffset = font.readUInt16BE(offsets + s * 2);
		for (let code = start; code <= end && code !== 0xffff; code++) {
			let glyph: number;
			if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
			else {
				const at = offsets + s * 2 + rangeOffset + (code - start) * 2;
				const raw = font.readUInt16BE(at);
				glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
			}
			// Glyph 0 is .notdef: the empty box a renderer draws for a missing character.
			if (glyph !== 0) into.add(code);
		}
	}
}

/** Groups of 32-bit code points mapped to consecutive glyphs. */
function readFormat12(font: Buffer, table: number, into: Set<number>): void {
	const groups = font.readUInt32BE(table + 12);
	for (let g = 0; g < groups; g++) {
		const group = table + 16 + g * 12;
		const start = font.readUInt32BE(group);
		const end = font.readUInt32BE(group + 4);
		const firstGlyph = font.readUInt32BE(group + 8);
		for (let code = start; code <= end; code++) {
			if (firstGlyph + (code - start) !== 0) into.add(code);
		}
	}
}
