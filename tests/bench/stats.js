// Small statistics the benchmarks share.

/**
 * The middle value (the upper one of the two middles for an even count).
 * @param {number[]} values
 */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}
