/**
 * A teacher pack as a zip in the PACKS_DIR format: a folder named by the pack's id holding its
 * manifest.json and media/. Unzipped into another server's PACKS_DIR, it loads as any pack
 * folder does. Entries are stored, not compressed: the pictures are WebP already, and a stored
 * zip needs no library (the format: PKWARE's APPNOTE, local headers, central directory, end).
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Pack } from '$lib/game/pack/schema';

interface Entry {
	name: string;
	data: Buffer;
}

/** 1980-01-01 00:00 in MS-DOS time and date: a fixed stamp, so the same pack zips the same. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function zip(entries: Entry[]): Buffer {
	const parts: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const { name, data } of entries) {
		const nameBytes = Buffer.from(name, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed: 2.0
		local.writeUInt16LE(0x0800, 6); // names are UTF-8
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(DOS_TIME, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		local.writeUInt16LE(0, 28);
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4); // made by: 2.0
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(0x0800, 8);
		header.writeUInt16LE(0, 10);
		header.writeUInt16LE(DOS_TIME, 12);
		header.writeUInt16LE(DOS_DATE, 14);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(data.length, 20);
		header.writeUInt32LE(data.length, 24);
		header.writeUInt16LE(nameBytes.length, 28);
		header.writeUInt32LE(offset, 42);
		parts.push(local, nameBytes, data);
		central.push(header, nameBytes);
		offset += local.length + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, directory, end]);
}

/** The zip of a pack whose rendition files `mediaFile` finds. */
export function packZip(pack: Pack, mediaFile: (src: string) => string): Buffer {
	const sources = [...new Set(pack.items.flatMap((item) => item.media.map((media) => media.src)))];
	return zip([
		{
			name: `${pack.id}/manifest.json`,
			data: Buffer.from(JSON.stringify(pack, null, '\t') + '\n')
		},
		...sources
			.sort()
			.map((src) => ({ name: `${pack.id}/${src}`, data: readFileSync(mediaFile(src)) }))
	]);
}
