/** Turning zod issues into short sentences about a field, shared by every parser in the game. */
import type * as z from 'zod';

type PathSegment = PropertyKey;

/** `['items', 3, 'tells', 0, 'region', 'x']` -> `items[3].tells[0].region.x`. */
export function formatPath(path: readonly PathSegment[]): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else out += out ? `.${String(segment)}` : String(segment);
	}
	return out;
}

/**
 * A zod error map: zod's defaults read like compiler output, these read like a sentence about
 * the field (`is required`, `must be between 0 and 1`). Undefined keeps zod's own message.
 */
export function friendlyMessage(issue: z.core.$ZodRawIssue): string | undefined {
	const missing = issue.input === undefined && 'input' in issue;
	switch (issue.code) {
		case 'invalid_type':
			if (missing) return 'is required';
			return `must be ${withArticle(issue.expected)}`;
		case 'invalid_value':
			if (missing) return 'is required';
			return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
		case 'invalid_union':
			if (missing) return 'is required';
			if ('discriminator' in issue && Array.isArray(issue.options)) {
				return `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
			}
			return undefined;
		case 'too_small':
			if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
			if (issue.origin === 'string') return 'must not be empty';
			return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
		case 'too_big':
			if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
			if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
			return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
		default:
			return undefined;
	}
}

/** `image` -> `an image`, `array` -> `a list`. */
export function withArticle(noun: string): string {
	if (noun === 'array') return 'a list';
	if (noun === 'int') return 'a whole number';
	return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Every issue as one `path: message` line joined by '; ' (unknown keys named one by one). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
	const lines: string[] = [];
	for (const issue of issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				lines.push(`${formatPath([...issue.path, key])}: is not a known field`);
		} else {
			const path = formatPath(issue.path);
			lines.push(path ? `${path}: ${issue.message}` : issue.message);
		}
	}
	return lines.join('; ');
}
