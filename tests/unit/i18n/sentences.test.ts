import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_LEVELS } from '$lib/i18n/confidence';
import { aroundValue, formatList } from '$lib/i18n/sentences';
import { m } from '$lib/paraglide/messages.js';

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(file);
		return /\.(svelte|ts)$/.test(entry.name) ? [file] : [];
	});
}

const FILES = ['src/lib/components', 'src/routes'].flatMap(sources);

/** Lines of the components and pages that match `pattern`, as "file:line: text". */
function offending(pattern: RegExp): string[] {
	return FILES.flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, index) =>
				pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []
			)
	);
}

describe('translated sentences stay whole', () => {
	it('never changes the case of translated text (not every language has case, or the same rules)', () => {
		const changes = offending(/\.to(Locale)?(Lower|Upper)Case\(/).filter(
			// Keyboard shortcuts compare key names, not words.
			(line) => !/event\.key\.toLowerCase\(\)/.test(line)
		);
		expect(changes).toEqual([]);
	});

	it('never glues punctuation or brackets onto a message in markup', () => {
		expect(offending(/\{m\.\w+\([^{}]*\)\}\s*[.:;,!?)]|[(“‘"]\{m\./)).toEqual([]);
	});

	it('has a whole sentence for each confidence after the reveal', () => {
		expect(CONFIDENCE_LEVELS.map((level) => level.said())).toEqual([
			'You said you were guessing.',
			'You said you were leaning.',
			'You said you were fairly sure.',
			'You said you were certain.'
		]);
	});
});

describe('formatList', () => {
	it('lists in the language’s own way', () => {
		expect(formatList(['Eyes'])).toBe('Eyes');
		expect(formatList(['Eyes', 'Blend seam', 'Skin'])).toBe('Eyes, Blend seam, and Skin');
	});
});

describe('aroundValue', () => {
	it('splits a sentence around its value', () => {
		expect(aroundValue((url) => m.host_join_at({ url }))).toEqual(['Join at ', '']);
		expect(aroundValue((value) => `« ${value} », dit-il.`)).toEqual(['« ', ' », dit-il.']);
		expect(aroundValue(() => 'No value here')).toEqual(['No value here', '']);
	});
});
