/**
 * Nicknames in a class session: what is allowed, when two names count as the same, a basic
 * filter for rude words, and generated friendly names for students who would rather not choose.
 * The projector lists the names, so a name must be visible and must not look like another one.
 */
import { skeleton } from './confusable';
import { randomInt, type Random } from '../play/random';

export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 20;
/**
 * Combining marks in a row. Scripts that write with marks use two or three on one letter (Thai
 * vowel and tone, Vietnamese decomposed); more are stacked to draw over other names ("Zalgo").
 */
export const NICKNAME_MAX_MARKS = 3;

/** Why a nickname was refused; the UI turns each into a sentence. */
export type NicknameProblem =
	'empty' | 'too-short' | 'too-long' | 'invisible' | 'marks' | 'characters' | 'rude';

export type NicknameResult =
	{ ok: true; nickname: string; key: string } | { ok: false; problem: NicknameProblem };

// Letters (any script, with their combining marks), digits, and a few joiners; it must start with
// a letter or digit, which also keeps names from looking like spreadsheet formulas.
const ALLOWED = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} '._-]*$/u;

// Characters that draw nothing (zero-width spaces and joiners, Hangul fillers, the combining
// grapheme joiner, variation selectors...): Unicode's Default_Ignorable_Code_Point.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const MARK_RUN = new RegExp(`\\p{M}{${NICKNAME_MAX_MARKS + 1}}`, 'u');

function plain(nickname: string): string {
	return nickname.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A nickname's key: two names with the same key are the same name. Names that differ only in
 * case, width or spacing, or that look alike (the TR39 skeletons of their lowercase forms agree:
 * "Mаria" with a Cyrillic а), share it.
 */
export function nicknameKey(nickname: string): string {
	// Lowercased again: some prototypes are capitals (the digit 0 reads as O).
	return skeleton(plain(nickname).toLowerCase()).toLowerCase();
}

/**
 * Every form under which a nickname must not be taken already: its key, and its skeleton as
 * written, which catches look-alikes across case ("Ivan" and "lvan").
 */
export function nicknameLooks(nickname: string): string[] {
	return [nicknameKey(nickname), skeleton(plain(nickname))];
}

/**
 * Checks a nickname a student typed. It is normalised to NFC, spaces are trimmed and runs of
 * spaces collapsed; length is counted in characters (code points), 2 to 20. Invisible characters
 * and stacks of combining marks are refused with their own reasons.
 */
export function parseNickname(raw: string): NicknameResult {
	const nickname = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (nickname === '') return { ok: false, problem: 'empty' };
	if (INVISIBLE.test(nickname)) return { ok: false, problem: 'invisible' };
	// Counted decomposed, so marks NFC folded into a letter count too.
	if (MARK_RUN.test(nickname.normalize('NFD'))) return { ok: false, problem: 'marks' };
	const length = Array.from(nickname).length;
	if (length < NICKNAME_MIN) return { ok: false, problem: 'too-short' };
	if (length > NICKNAME_MAX) return { ok: false, problem: 'too-long' };
	if (!ALLOWED.test(nickname)) return { ok: false, problem: 'characters' };
	if (isRude(nickname)) return { ok: false, problem: 'rude' };
	return { ok: true, nickname, key: nicknameKey(nickname) };
}

// A basic filter, not a moderator: the host can still remove anyone. Words in ROOTS are refused
// anywhere in a name (they hide inside few innocent words); words in WHOLE only as a whole word
// or the whole name, so "Classic", "Cocktail" or "Scunthorpe" pass.
const ROOTS = [
	'fuck',
	'shit',
	'cunt',
	'nigger',
	'nigga',
	'faggot',
	'bitch',
	'whore',
	'slut',
	'wanker',
	'twat',
	'bollock',
	'pussy',
	'porn',
	'dildo',
	'hitler',
	'nazi',
	'retard',
	'asshole',
	'arsehole',
	'bastard',
	'motherf',
	'penis',
	'vagina',
	'boob',
	'jizz'
];
const WHOLE = [
	'ass',
	'arse',
	'dick',
	'cock',
	'tit',
	'tits',
	'fag',
	'rape',
	'rapist',
	'sex',
	'kkk',
	'hoe',
	'cum',
	'wank'
];
// Innocent words that contain a root.
const ALLOWED_WORDS = ['scunthorpe'];

const LOOKALIKES: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'8': 'b',
	'@': 'a',
	$: 's',
	'!': 'i',
	'|': 'i'
};

/**
 * The words of a name in plain lowercase letters: accents dropped, and look-alike digits and
 * symbols read as letters ("sh1t"), but only in words that have letters too, so that a number
 * such as "455" stays a number.
 */
function plainWords(text: string): string[] {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}@$!|]+/u)
		.filter((word) => /\p{L}/u.test(word))
		.map((word) => word.replace(/[0-9@$!|]/g, (char) => LOOKALIKES[char] ?? char))
		.flatMap((word) => word.split(/[^\p{L}]+/u))
		.filter(Boolean);
}

/**
 * Whether a name contains a word from the filter, also spelled with look-alike digits or
 * spelled out letter by letter ("f u c k", "f.u.c.k").
 */
export function isRude(name: string): boolean {
	const words = plainWords(name).filter((word) => !ALLOWED_WORDS.includes(word));
	// Runs of single letters are read as one word; longer words are not glued together, so
	// "Jess Hit" stays two harmless words.
	const candidates: string[] = [];
	let letters = '';
	for (const word of words) {
		if (word.length === 1) {
			letters += word;
			continue;
		}
		if (letters) candidates.push(letters);
		letters = '';
		candidates.push(word);
	}
	if (letters) candidates.push(letters);
	return candidates.some(
		(word) => WHOLE.includes(word) || ROOTS.some((root) => word.includes(root))
	);
}

const ADJECTIVES = [
	'Amber',
	'Brave',
	'Bright',
	'Calm',
	'Clever',
	'Cosmic',
	'Curious',
	'Daring',
	'Eager',
	'Gentle',
	'Golden',
	'Happy',
	'Jolly',
	'Keen',
	'Lucky',
	'Mighty',
	'Nimble',
	'Patient',
	'Quick',
	'Quiet',
	'Rapid',
	'Sharp',
	'Silver',
	'Sunny',
	'Swift',
	'Tidy',
	'Vivid',
	'Wise',
	'Witty',
	'Zesty'
];
const ANIMALS = [
	'Badger',
	'Beaver',
	'Bison',
	'Crane',
	'Dolphin',
	'Eagle',
	'Falcon',
	'Ferret',
	'Fox',
	'Gecko',
	'Heron',
	'Ibis',
	'Koala',
	'Lemur',
	'Lynx',
	'Marten',
	'Moose',
	'Newt',
	'Otter',
	'Owl',
	'Panda',
	'Puffin',
	'Quokka',
	'Raven',
	'Robin',
	'Seal',
	'Stoat',
	'Tapir',
	'Walrus',
	'Wombat'
];

/**
 * A friendly generated name ("Curious Otter") that no seat in `taken` (nickname keys) has; if
 * every combination tried is taken, a number is added ("Curious Otter 2").
 */
export function friendlyName(random: Random, taken: ReadonlySet<string>): string {
	const base = () =>
		`${ADJECTIVES[randomInt(random, ADJECTIVES.length)]} ${ANIMALS[randomInt(random, ANIMALS.length)]}`;
	for (let attempt = 0; attempt < 20; attempt++) {
		const name = base();
		if (!taken.has(nicknameKey(name))) return name;
	}
	const name = base();
	for (let suffix = 2; ; suffix++) {
		const numbered = `${name} ${suffix}`;
		if (!taken.has(nicknameKey(numbered))) return numbered;
	}
}
