import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	friendlyName,
	isRude,
	nicknameKey,
	nicknameLooks,
	parseNickname
} from '../../../../src/lib/game/class/nickname';
import { pointsForRight, rankSeats, scoreSeat } from '../../../../src/lib/game/class/points';
import { parseSessionSettings } from '../../../../src/lib/game/class/settings';
import { mulberry32 } from '../../../../src/lib/game/play/random';

describe('parseNickname', () => {
	it('trims and collapses spaces, keeps letters of any script', () => {
		expect(parseNickname('  Ada   Lovelace ')).toEqual({
			ok: true,
			nickname: 'Ada Lovelace',
			key: nicknameKey('ada lovelace')
		});
		expect(parseNickname('Zoë').ok).toBe(true);
		expect(parseNickname('李小龙').ok).toBe(true);
		expect(parseNickname("O'Neil-Smith_2").ok).toBe(true);
	});

	it('names the problem with a refused nickname', () => {
		expect(parseNickname('   ')).toEqual({ ok: false, problem: 'empty' });
		expect(parseNickname('A')).toEqual({ ok: false, problem: 'too-short' });
		expect(parseNickname('x'.repeat(21))).toEqual({ ok: false, problem: 'too-long' });
		expect(parseNickname('x'.repeat(20)).ok).toBe(true);
		expect(parseNickname('=HYPERLINK("x")')).toEqual({ ok: false, problem: 'characters' });
		expect(parseNickname('-dash')).toEqual({ ok: false, problem: 'characters' });
		expect(parseNickname('<b>bold</b>')).toEqual({ ok: false, problem: 'characters' });
		expect(parseNickname('tab\u0000x')).toEqual({ ok: false, problem: 'characters' });
		expect(parseNickname('😀 smile')).toEqual({ ok: false, problem: 'characters' });
		expect(parseNickname('Fuckface')).toEqual({ ok: false, problem: 'rude' });
	});

	it('counts characters, not UTF-16 units', () => {
		expect(parseNickname('𝒜𝒷').ok).toBe(true);
		expect(parseNickname('𝒜'.repeat(20)).ok).toBe(true);
	});

	it('refuses invisible characters and stacks of combining marks, saying which', () => {
		for (const hidden of [
			'Mar\u034Fia',
			'Ma\u200Bria',
			'Maria\u3164',
			'\u3164\u3164',
			'\u115F\u1160Bo'
		]) {
			expect(parseNickname(hidden), JSON.stringify(hidden)).toEqual({
				ok: false,
				problem: 'invisible'
			});
		}
		expect(parseNickname('Ma' + '\u0301'.repeat(19) + 'ria')).toEqual({
			ok: false,
			problem: 'marks'
		});
		expect(parseNickname('Ma\u0301\u0302\u0303\u0304ria')).toEqual({ ok: false, problem: 'marks' });
		// Scripts written with marks keep their two or three on a letter.
		expect(parseNickname('Nguyễn Thị').ok).toBe(true);
		expect(parseNickname('กิ่ง').ok).toBe(true);
		expect(parseNickname('Ma\u0301\u0302\u0303ria').ok).toBe(true);
	});

	it('normalises to NFC', () => {
		const parsed = parseNickname('Zoe\u0308');
		expect(parsed).toMatchObject({ ok: true, nickname: 'Zo\u00EB' });
	});

	it('gives names that look alike the same key (TR39 skeleton)', () => {
		const key = nicknameKey('Maria');
		expect(nicknameKey('M\u0430ria')).toBe(key); // Cyrillic а
		expect(nicknameKey('MARIA')).toBe(key);
		expect(nicknameKey('Ｍａｒｉａ')).toBe(key);
		expect(nicknameKey('Mar\u0456a')).toBe(key); // Ukrainian і
		expect(nicknameKey('Marta')).not.toBe(key);
		// Across case, the written form's skeleton catches what lowercasing hides.
		expect(nicknameLooks('Ivan')).toContain(nicknameLooks('lvan')[1]);
		expect(nicknameLooks('B0b')).toContain(nicknameKey('BOB'));
	});

	it('treats names that differ in case, width or spacing as the same', () => {
		expect(nicknameKey('ADA  Lovelace')).toBe(nicknameKey('ada lovelace'));
		expect(nicknameKey('Ａｄａ')).toBe(nicknameKey('ada'));
	});

	it('never throws and never accepts a name outside the limits', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (raw) => {
				const result = parseNickname(raw);
				if (result.ok) {
					const length = Array.from(result.nickname).length;
					expect(length).toBeGreaterThanOrEqual(2);
					expect(length).toBeLessThanOrEqual(20);
					expect(result.nickname).toBe(result.nickname.trim());
				}
			})
		);
	});
});

describe('isRude', () => {
	it('catches rude words, also spelled with digits or letter by letter', () => {
		for (const name of [
			'shit head',
			'sh1thead',
			'F u c k',
			'f.u.c.k',
			'b1tch',
			'big ass',
			'Dick'
		]) {
			expect(isRude(name), name).toBe(true);
		}
	});

	it('lets innocent names through', () => {
		for (const name of [
			'Scunthorpe',
			'Classic',
			'Cocktail',
			'Jess Hit',
			'Essex',
			'Therapist',
			'Dickens',
			'Title',
			'Cucumber',
			'Swanky',
			'Grape',
			'Player 455',
			'Team 5318008',
			'Agent 007'
		]) {
			expect(isRude(name), name).toBe(false);
		}
	});
});

describe('friendlyName', () => {
	it('gives a valid, free name', () => {
		const random = mulberry32(7);
		const taken = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const name = friendlyName(random, taken);
			expect(parseNickname(name).ok, name).toBe(true);
			expect(taken.has(nicknameKey(name))).toBe(false);
			taken.add(nicknameKey(name));
		}
	});

	it('adds a number once the plain names run out', () => {
		const always = () => 0;
		const taken = new Set([nicknameKey('Amber Badger')]);
		expect(friendlyName(always, taken)).toBe('Amber Badger 2');
		taken.add(nicknameKey('Amber Badger 2'));
		expect(friendlyName(always, taken)).toBe('Amber Badger 3');
	});
});

describe('points', () => {
	it('gives a fixed amount per right answer plus a capped streak bonus', () => {
		expect(pointsForRight(1)).toBe(100);
		expect(pointsForRight(2)).toBe(150);
		expect(pointsForRight(5)).toBe(300);
		expect(pointsForRight(50)).toBe(300);
	});

	it('breaks the streak on a wrong or missing answer', () => {
		expect(scoreSeat([true, true, false, true])).toEqual({
			answered: 4,
			correct: 3,
			points: 100 + 150 + 100,
			streak: 1
		});
		expect(scoreSeat([true, null, true]).points).toBe(200);
		expect(scoreSeat([])).toEqual({ answered: 0, correct: 0, points: 0, streak: 0 });
	});

	it('depends on nothing but the outcomes (speed cannot count)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.boolean(), { nil: null }), { maxLength: 50 }),
				(outcomes) => {
					const score = scoreSeat(outcomes);
					expect(score.points).toBeGreaterThanOrEqual(100 * score.correct);
					expect(score.points).toBeLessThanOrEqual(300 * score.correct);
					expect(score.answered).toBe(outcomes.filter((o) => o !== null).length);
				}
			)
		);
	});

	it('ranks ties together', () => {
		const ranked = rankSeats(
			[
				{ id: 'a', points: 100, correct: 1 },
				{ id: 'b', points: 300, correct: 2 },
				{ id: 'c', points: 100, correct: 1 },
				{ id: 'd', points: 0, correct: 0 }
			],
			'points'
		);
		expect(ranked.map((seat) => [seat.id, seat.rank])).toEqual([
			['b', 1],
			['a', 2],
			['c', 2],
			['d', 4]
		]);
	});
});

describe('parseSessionSettings', () => {
	it('fills in defaults for an almost empty form', () => {
		expect(parseSessionSettings({ packId: 'default', rounds: '' })).toEqual({
			ok: true,
			settings: {
				packId: 'default',
				mode: 'pairs',
				rounds: 8,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video'],
				topics: ['face', 'scene', 'voice', 'video'],
				timer: 30,
				scoring: 'accuracy',
				leaderboard: false,
				testRounds: 0,
				lateJoin: false
			}
		});
	});

	it('reads form strings and checkboxes', () => {
		const result = parseSessionSettings({
			packId: 'default',
			mode: 'mixed',
			rounds: '12',
			difficulty: '2',
			kinds: ['audio', 'image', 'audio'],
			topics: 'voice',
			timer: '0',
			scoring: 'points',
			leaderboard: 'on',
			prePost: 'on',
			testRounds: '3',
			lateJoin: 'on'
		});
		expect(result).toEqual({
			ok: true,
			settings: {
				packId: 'default',
				mode: 'mixed',
				rounds: 12,
				difficulty: 2,
				kinds: ['image', 'audio'],
				topics: ['voice'],
				timer: 0,
				scoring: 'points',
				leaderboard: true,
				testRounds: 3,
				lateJoin: true
			}
		});
	});

	it('ignores the test length unless the pre/post design is on', () => {
		const result = parseSessionSettings({ packId: 'default', testRounds: '5' });
		expect(result.ok && result.settings.testRounds).toBe(0);
	});

	it('refuses bad values with a message naming the field', () => {
		const result = parseSessionSettings({
			packId: '../etc',
			rounds: '0',
			timer: '45',
			scoring: 'speed',
			topics: ['cats'],
			extra: 1
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toContain('packId: must be a pack id');
		expect(result.error).toContain('rounds: must be between 1 and 50');
		expect(result.error).toContain('timer: must be one of 0, 20, 30, 60');
		expect(result.error).toContain('scoring: must be one of "accuracy", "points"');
		expect(result.error).toContain('topics[0]: must be one of "face"');
		expect(result.error).toContain('extra: is not a known field');
		expect(parseSessionSettings('nonsense').ok).toBe(false);
		expect(parseSessionSettings(null).ok).toBe(false);
	});
});
