import { describe, expect, it } from 'vitest';
import {
	sheetFromCsv,
	sheetFromDocument,
	tellOfSheet,
	CSV_COLUMNS
} from '$lib/game/pack/pack-sheet';

const real = {
	file: 'street.jpg',
	truth: 'real',
	madeWith: 'camera',
	alt: 'A busy street in the rain.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0'
};
const fake = {
	file: 'coat.png',
	truth: 'synthetic',
	madeWith: 'generator',
	tool: 'An image generator, version 5',
	alt: 'A man in a white coat.',
	source: 'https://example.org/viral',
	author: 'unknown',
	licence: 'quoted for teaching',
	tells: [
		{
			category: 'hair-edges',
			box: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 },
			explanation: 'The hair melts into the collar.'
		}
	]
};
const document = {
	id: 'fakes-week-49',
	title: 'Fakes of the week',
	language: 'en',
	items: [real, fake],
	pairs: [{ real: 'street.jpg', synthetic: 'coat.png', tier: 2, topic: 'face' }]
};

describe('a YAML pack sheet', () => {
	it('reads as the editor would fill it, version 1 unless it says otherwise', () => {
		const read = sheetFromDocument(document);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.sheet.version).toBe(1);
		expect(read.sheet.items[0].tells).toEqual([]);
		expect(read.sheet.items[1].tells[0].box).toEqual({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 });
	});

	it('names the field at fault by its path, for every rule the editor has', () => {
		const read = sheetFromDocument({
			...document,
			id: 'Week 49',
			items: [
				{ ...real, madeWith: 'generator' },
				{ ...fake, tool: undefined }
			]
		});
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.problems.map((problem) => problem.where)).toContain('id');
		// A real photo "made by a generator", a synthetic one without its tool: the editor's rules,
		// in sentences rather than the editor's codes.
		expect(read.problems).toContainEqual({
			where: 'items[0].madeWith',
			message: expect.stringMatching(/^does not fit the truth: a real item is made with camera/)
		});
		expect(read.problems).toContainEqual({
			where: 'items[1].tool',
			message: expect.stringMatching(/^is required for a synthetic item/)
		});
		const told = sheetFromDocument({
			...document,
			items: [real, { ...fake, tells: [{ ...fake.tells[0], category: 'nose' }] }]
		});
		expect(!told.ok && told.problems).toEqual([
			{ where: 'items[1].tells[0].category', message: 'unknown tell category "nose"' }
		]);
	});

	it('refuses paths that leave the folder, files listed twice, unpaired items and untold fakes', () => {
		const escaping = sheetFromDocument({
			...document,
			items: [{ ...real, file: '../secret.jpg' }, fake]
		});
		expect(!escaping.ok && escaping.problems[0]).toMatchObject({ where: 'items[0].file' });
		const read = sheetFromDocument({
			...document,
			items: [real, { ...fake, tells: [] }, { ...real }, { ...fake, file: 'lonely.png' }]
		});
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.problems).toEqual(
			expect.arrayContaining([
				{ where: 'items[2].file', message: 'is listed twice' },
				{
					where: 'pairs[0].synthetic',
					message: 'the synthetic item has no tell: mark at least one so players learn why'
				},
				{
					where: 'items[3].file',
					message: 'is in no pair: pair it with an item of the other kind, or leave it out'
				}
			])
		);
	});

	it("never takes the id of the default pack or the form of a teacher pack's", () => {
		for (const id of ['default', 't-0123456789abcdef0123456789abcdef']) {
			const read = sheetFromDocument({ ...document, id });
			expect(!read.ok && read.problems.map((problem) => problem.where)).toEqual(['id']);
		}
	});

	it('refuses a pair whose sides are the wrong way round', () => {
		const read = sheetFromDocument({
			...document,
			pairs: [{ real: 'coat.png', synthetic: 'street.jpg', tier: 2, topic: 'face' }]
		});
		expect(!read.ok && read.problems).toContainEqual({
			where: 'pairs[0].real',
			message: 'must be a real item'
		});
	});
});

describe('a CSV pack sheet', () => {
	const header = [...CSV_COLUMNS];
	const row = (cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) =>
		header.map((column) => cells[column] ?? '');
	const pack = { id: 'fakes-week-49', title: 'Fakes of the week', language: 'en' };
	const rows = [
		header,
		row({ ...real, made_with: 'camera', pair: 'coat' }),
		row({
			...fake,
			made_with: 'generator',
			pair: 'coat',
			tier: '2',
			topic: 'face',
			tell_category: 'hair-edges',
			tell_x: '0.1',
			tell_y: '0.1',
			tell_w: '0.2',
			tell_h: '0.2',
			tell_explanation: 'The hair melts into the collar.'
		}),
		// A second tell: the same file, only the tell's cells.
		row({
			file: 'coat.png',
			tell_category: 'eyes',
			tell_x: '0.4',
			tell_y: '0.3',
			tell_w: '0.1',
			tell_h: '0.05',
			tell_explanation: 'The eyes look in two directions.'
		})
	];

	it('reads one row per item, more rows for more tells, and pairs by name', () => {
		const read = sheetFromCsv(rows, pack);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.sheet.items.map((item) => item.file)).toEqual(['street.jpg', 'coat.png']);
		expect(read.sheet.items[1].tells.map((tell) => tell.category)).toEqual(['hair-edges', 'eyes']);
		expect(read.sheet.pairs).toEqual([
			{ real: 'street.jpg', synthetic: 'coat.png', tier: 2, topic: 'face' }
		]);
	});

	it('names the row and column of a problem, as a spreadsheet numbers them', () => {
		const broken = rows.map((cells) => [...cells]);
		broken[2][header.indexOf('tier')] = 'hard';
		broken[3][header.indexOf('tell_w')] = 'wide';
		broken[1][header.indexOf('licence')] = '';
		const read = sheetFromCsv(broken, pack);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.problems).toEqual(
			expect.arrayContaining([
				{ where: 'row 3, column tier', message: 'must be 1, 2 or 3' },
				{ where: 'row 4, column tell_w', message: 'must be a number' },
				{ where: 'row 2, column licence', message: 'is required' }
			])
		);
	});

	it('refuses an unknown column and names the ones it knows', () => {
		const read = sheetFromCsv([[...header, 'answer'], ...rows.slice(1)], pack);
		expect(!read.ok && read.problems[0]).toMatchObject({ where: 'row 1' });
		expect(!read.ok && read.problems[0].message).toMatch(/unknown column "answer".*file, truth/);
	});

	it('reads an outline from tell_points, a time range from tell_start and tell_end, and a transcript', () => {
		const withPlaces = (end: string) => [
			header,
			row({ ...real, made_with: 'camera', pair: 'coat' }),
			row({
				...fake,
				made_with: 'generator',
				pair: 'coat',
				tier: '2',
				topic: 'face',
				transcript: 'Hello there.',
				tell_category: 'hair-edges',
				tell_points: '0.1,0.1 0.3,0.1 0.2,0.4',
				tell_explanation: 'The hair melts into the collar.'
			}),
			row({
				file: 'coat.png',
				tell_category: 'eyes',
				tell_start: '0.5',
				tell_end: end,
				tell_explanation: 'The voice goes flat.'
			})
		];
		const read = sheetFromCsv(withPlaces('soon'), pack);
		expect(!read.ok && read.problems).toEqual([
			{ where: 'row 4, column tell_end', message: 'must be a number' }
		]);
		const again = sheetFromCsv(withPlaces('1.5'), pack);
		expect(again.ok).toBe(true);
		if (!again.ok) return;
		expect(again.sheet.items[1].transcript).toBe('Hello there.');
		expect(again.sheet.items[1].tells.map(tellOfSheet).map((tell) => tell.region)).toEqual([
			{
				type: 'polygon',
				points: [
					[0.1, 0.1],
					[0.3, 0.1],
					[0.2, 0.4]
				]
			},
			{ type: 'time', start: 0.5, end: 1.5 }
		]);
	});

	it("reads a video's time range with a box on its picture, and names a bad cell of the box", () => {
		const video = (x: string) => [
			header,
			row({
				file: 'street.mp4',
				truth: 'real',
				made_with: 'filmed',
				alt: 'A street.',
				source: 'made by me',
				author: 'A. Teacher',
				licence: 'CC BY 4.0',
				pair: 'street'
			}),
			row({
				file: 'swap.mp4',
				truth: 'synthetic',
				made_with: 'face-swap',
				tool: 'Swap v3',
				alt: 'A street, a face swapped.',
				source: 'made by me',
				author: 'A. Teacher',
				licence: 'CC BY 4.0',
				pair: 'street',
				tier: '1',
				topic: 'video',
				tell_category: 'lip-sync',
				tell_start: '0.5',
				tell_end: '1.5',
				tell_x: x,
				tell_y: '0.5',
				tell_w: '0.2',
				tell_h: '0.1',
				tell_explanation: 'The lips move after the words.'
			})
		];
		const read = sheetFromCsv(video('0.4'), pack);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.sheet.items[1].tells.map(tellOfSheet)[0].region).toEqual({
			type: 'time',
			start: 0.5,
			end: 1.5,
			box: { x: 0.4, y: 0.5, w: 0.2, h: 0.1 }
		});
		// Where each item's file is written, for the build's problems to name.
		expect(read.where(['items', 1, 'file'])).toBe('row 3, column file');
		const wrong = sheetFromCsv(video('left'), pack);
		expect(!wrong.ok && wrong.problems).toEqual([
			{ where: 'row 3, column tell_x', message: 'must be a number' }
		]);
	});

	it('takes one place per tell', () => {
		const both = sheetFromDocument({
			...document,
			items: [real, { ...fake, tells: [{ ...fake.tells[0], time: { start: 0, end: 1 } }] }]
		});
		expect(!both.ok && both.problems).toEqual([
			{
				where: 'items[1].tells[0]',
				message: 'must have one of box or outline (on a picture) or time (on a voice or a video)'
			}
		]);
	});
});
