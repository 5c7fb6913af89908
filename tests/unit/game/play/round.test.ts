import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getItem } from '$lib/game/pack/schema';
import {
	correctAnswer,
	isCorrect,
	parseVerdict,
	provenanceLine,
	revealRound,
	roundForPlayer
} from '$lib/game/play/round';
import { buildRun, type PairRound, type SingleRound } from '$lib/game/play/run';
import { buildPack } from '../pack-builder';

const pack = buildPack([
	{ kind: 'image', tier: 1 },
	{ kind: 'audio', tier: 2, prompt: 'Both voices say: the quick brown fox.' },
	{ kind: 'video', tier: 3 }
]);
pack.items[2].transcript = 'the quick brown fox';
pack.items[3].transcript = 'the quick brown fox';

const pairRound = (left: string, right: string, pairId = 'p000'): PairRound => ({
	index: 0,
	type: 'pair',
	pairId,
	tier: 1,
	kind: 'image',
	categories: ['blend-seam'],
	items: [left, right]
});
const singleRound = (itemId: string, pairId = 'p000'): SingleRound => ({
	index: 2,
	type: 'single',
	pairId,
	tier: 1,
	kind: 'image',
	categories: ['blend-seam'],
	itemId
});

describe('roundForPlayer', () => {
	test('gives media, kind, tier and prompt, and nothing that identifies or reveals an item', () => {
		for (let seed = 0; seed < 30; seed++) {
			for (const round of buildRun(pack, {
				seed,
				mode: 'mixed',
				count: 3,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video']
			}).rounds) {
				const player = roundForPlayer(round, pack, 'en');
				const text = JSON.stringify(player);
				for (const item of pack.items) {
					expect(text).not.toContain(item.id);
					expect(text).not.toContain(item.provenance.source);
					expect(text).not.toContain(item.provenance.digitalSourceType);
				}
				for (const word of [
					'real',
					'synthetic',
					'truth',
					'tells',
					'provenance',
					'explanation',
					'pairId',
					'method'
				]) {
					expect(text).not.toContain(word);
				}
				expect(Object.keys(player).sort()).toEqual(
					round.kind === 'audio'
						? ['index', 'items', 'kind', 'prompt', 'tier', 'type']
						: ['index', 'items', 'kind', 'tier', 'type']
				);
				expect(player.items).toHaveLength(round.type === 'pair' ? 2 : 1);
			}
		}
	});

	test('both sides of a pair have the same shape, whichever is fake', () => {
		const left = roundForPlayer(pairRound('i000r', 'i000s'), pack, 'en');
		const right = roundForPlayer(pairRound('i000s', 'i000r'), pack, 'en');
		const shape = (value: unknown) => JSON.stringify(value, (key, v) => (key === 'src' ? 'x' : v));
		expect(shape(left)).toBe(shape(right));
		expect(shape(left.items[0])).toBe(shape(left.items[1]));
		expect(left.items[0].media[0]).toEqual({
			src: '/packs/test/media/0000000000.webp',
			type: 'image/webp',
			width: 640,
			height: 480
		});
		expect(left.items[1].media[0].src).toBe('/packs/test/media/0000000001.webp');
	});

	test('passes the pair prompt and the transcripts, and durations for sound', () => {
		const round: PairRound = {
			index: 1,
			type: 'pair',
			pairId: 'p001',
			tier: 2,
			kind: 'audio',
			categories: ['splice-jump'],
			items: ['i001s', 'i001r']
		};
		expect(roundForPlayer(round, pack, 'en')).toEqual({
			index: 1,
			type: 'pair',
			kind: 'audio',
			tier: 2,
			prompt: { original: { text: 'Both voices say: the quick brown fox.', lang: 'en' } },
			items: [
				{
					media: [
						{
							src: '/packs/test/media/0000000003.opus',
							type: 'audio/ogg; codecs=opus',
							duration: 3
						}
					],
					transcript: { original: { text: 'the quick brown fox', lang: 'en' } }
				},
				{
					media: [
						{
							src: '/packs/test/media/0000000002.opus',
							type: 'audio/ogg; codecs=opus',
							duration: 3
						}
					],
					transcript: { original: { text: 'the quick brown fox', lang: 'en' } }
				}
			]
		});
	});
});

describe('a round in another language', () => {
	test('the prompt and each transcript keep their language, with the translation beside them', () => {
		const foreign = buildPack([{ kind: 'audio', tier: 1, prompt: 'Veuillez composer le code.' }]);
		for (const item of foreign.items) {
			item.transcript = 'Veuillez composer le code.';
			item.language = 'fr-CA';
			item.translation = 'Please dial the code.';
		}
		const round: PairRound = {
			index: 0,
			type: 'pair',
			pairId: foreign.pairs[0].id,
			tier: 1,
			kind: 'audio',
			categories: ['flat-intonation'],
			items: [foreign.items[0].id, foreign.items[1].id]
		};
		const said = {
			original: { text: 'Veuillez composer le code.', lang: 'fr-CA' },
			translation: { text: 'Please dial the code.', lang: 'en' }
		};
		const player = roundForPlayer(round, foreign, 'en');
		expect(player.prompt).toEqual(said);
		for (const item of player.items) expect(item.transcript).toEqual(said);
	});

	test('a round in the reader’s own language carries no translation', () => {
		const round: PairRound = { ...pairRound('i001s', 'i001r', 'p001'), kind: 'audio' };
		const player = roundForPlayer(round, pack, 'en');
		expect(player.prompt?.translation).toBeUndefined();
	});
});

describe('isCorrect and correctAnswer', () => {
	test('pair rounds: the side of the synthetic item', () => {
		expect(correctAnswer(pairRound('i000s', 'i000r'), pack)).toBe('left');
		expect(correctAnswer(pairRound('i000r', 'i000s'), pack)).toBe('right');
		expect(isCorrect(pairRound('i000s', 'i000r'), pack, 'left')).toBe(true);
		expect(isCorrect(pairRound('i000s', 'i000r'), pack, 'right')).toBe(false);
		expect(isCorrect(pairRound('i000r', 'i000s'), pack, 'right')).toBe(true);
	});

	test('single rounds: the truth of the item', () => {
		expect(isCorrect(singleRound('i000s'), pack, 'synthetic')).toBe(true);
		expect(isCorrect(singleRound('i000s'), pack, 'real')).toBe(false);
		expect(isCorrect(singleRound('i000r'), pack, 'real')).toBe(true);
	});

	test('an answer of the wrong shape is wrong', () => {
		expect(isCorrect(singleRound('i000s'), pack, 'left')).toBe(false);
		expect(isCorrect(pairRound('i000s', 'i000r'), pack, 'synthetic')).toBe(false);
	});
});

describe('revealRound', () => {
	test('a pair: truth of both sides, the fake side and its tells, provenance lines', () => {
		const reveal = revealRound(pairRound('i000r', 'i000s'), pack, 'en');
		const fake = getItem(pack, 'i000s');
		const tells = fake.tells!.map((tell) => ({
			...tell,
			explanation: { text: tell.explanation, lang: 'en' }
		}));
		expect(reveal).toEqual({
			index: 0,
			type: 'pair',
			kind: 'image',
			answer: 'right',
			items: [
				{
					side: 'left',
					truth: 'real',
					provenanceLine: { text: 'source 000 real · Tester · CC0-1.0', lang: 'en' },
					provenance: getItem(pack, 'i000r').provenance,
					tells: []
				},
				{
					side: 'right',
					truth: 'synthetic',
					method: { text: 'method 000', lang: 'en' },
					provenanceLine: { text: 'source 000 fake · Tester · CC0-1.0', lang: 'en' },
					provenance: fake.provenance,
					tells
				}
			],
			synthetic: { side: 'right', tells }
		});
	});

	test('a single real item has no synthetic part', () => {
		const reveal = revealRound(singleRound('i000r'), pack, 'en');
		expect(reveal.answer).toBe('real');
		expect(reveal.synthetic).toBeNull();
		expect(reveal.items.map((item) => item.side)).toEqual(['single']);
	});

	test('a single synthetic item shows its tells', () => {
		const reveal = revealRound(singleRound('i002s', 'p002'), pack, 'en');
		expect(reveal.answer).toBe('synthetic');
		expect(reveal.synthetic?.side).toBe('single');
		expect(reveal.synthetic?.tells[0].category).toBe('lip-sync');
	});

	test('tells come in reading order: by start time, then top to bottom, then left to right', () => {
		const numbered = structuredClone(pack);
		const fake = getItem(numbered, 'i000s');
		const at = (x: number, y: number, explanation: string) => ({
			category: 'blend-seam' as const,
			region: { type: 'box' as const, x, y, w: 0.1, h: 0.1 },
			explanation
		});
		// The pack lists the lower one first, as the pack that led to this did (2 above 1).
		fake.tells = [
			at(0.1, 0.7, 'low'),
			at(0.6, 0.12, 'top right'),
			at(0.2, 0.1, 'top left'),
			{
				category: 'blend-seam',
				region: {
					type: 'polygon',
					points: [
						[0.5, 0.4],
						[0.6, 0.45],
						[0.55, 0.5]
					]
				},
				explanation: 'middle'
			}
		];
		const reveal = revealRound(pairRound('i000r', 'i000s'), numbered, 'en');
		expect(reveal.synthetic?.tells.map((tell) => tell.explanation.text)).toEqual([
			'top left',
			'top right',
			'middle',
			'low'
		]);

		const clip = structuredClone(pack);
		const video = getItem(clip, 'i002s');
		const span = (start: number, explanation: string) => ({
			category: 'lip-sync' as const,
			region: { type: 'time' as const, start, end: start + 0.5 },
			explanation
		});
		video.tells = [span(2, 'later'), span(0.5, 'sooner')];
		expect(
			revealRound(singleRound('i002s', 'p002'), clip, 'en').synthetic?.tells.map(
				(tell) => tell.explanation.text
			)
		).toEqual(['sooner', 'later']);
	});

	test('provenanceLine joins what is there', () => {
		expect(provenanceLine({ source: 'S', author: 'A', licence: 'L', digitalSourceType: 'x' })).toBe(
			'S · A · L'
		);
	});
});

describe('parseVerdict', () => {
	const good = { round: 0, answer: 'left', confidence: 0.75 };

	test('accepts a well-formed verdict', () => {
		expect(parseVerdict(good)).toEqual({ ok: true, verdict: good });
		expect(parseVerdict({ ...good, answer: 'real', confidence: 0.5 })).toEqual({
			ok: true,
			verdict: { ...good, answer: 'real', confidence: 0.5 }
		});
		expect(parseVerdict({ ...good, confidence: 1 }).ok).toBe(true);
	});

	test.each([
		[{ ...good, confidence: 0.4 }, 'confidence: must be between 0.5 and 1'],
		[{ ...good, confidence: 1.01 }, 'confidence: must be between 0.5 and 1'],
		[{ ...good, confidence: '0.7' }, 'confidence: must be a number'],
		[{ ...good, answer: 'fake' }, 'answer: must be one of "left", "right", "real", "synthetic"'],
		[{ ...good, round: -1 }, 'round: must be 0 or more'],
		[{ ...good, round: 0.5 }, 'round: must be a whole number'],
		// The server measures how long a verdict took; a client's own figure is refused.
		[{ ...good, responseMs: 1200 }, 'responseMs: is not a known field'],
		[{ ...good, correct: true }, 'correct: is not a known field'],
		[{ round: 0 }, 'answer: is required; confidence: is required'],
		[undefined, 'is required'],
		[[], 'must be an object']
	])('rejects %j', (input, error) => {
		expect(parseVerdict(input)).toEqual({ ok: false, error });
	});

	test('with the round: must answer that round, in its shape', () => {
		const round = pairRound('i000s', 'i000r');
		expect(parseVerdict(good, round).ok).toBe(true);
		expect(parseVerdict({ ...good, round: 1 }, round)).toEqual({
			ok: false,
			error: 'round: must be 0 (the current round)'
		});
		expect(parseVerdict({ ...good, answer: 'real' }, round)).toEqual({
			ok: false,
			error: 'answer: must be "left" or "right" for a pair round'
		});
		expect(parseVerdict({ ...good, round: 2, answer: 'left' }, singleRound('i000s'))).toEqual({
			ok: false,
			error: 'answer: must be "real" or "synthetic" for a single round'
		});
	});

	test('never throws', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				expect(typeof parseVerdict(input).ok).toBe('boolean');
			})
		);
	});
});
