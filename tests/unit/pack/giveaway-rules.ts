// The statistics of the give-away audit: the best "pick the one with more (or less) X" rule over a
// group of pairs, and how likely a rule that good is under pure guessing.

/** One pair's measurements, the synthetic side's and the real side's. */
export interface PairFeatures {
	id: string;
	tier: number;
	synthetic: Record<string, number>;
	real: Record<string, number>;
}

export interface RuleResult {
	feature: string;
	direction: 'more' | 'less';
	/** Pairs where the rule picks the synthetic side. */
	wins: number;
	/** Pairs where both sides measure the same: the rule can only guess. */
	ties: number;
	/** Share of pairs the rule wins, a tie counting as half (a guess). */
	share: number;
	/**
	 * One-sided sign test: the binomial p of at least `wins` wins among the pairs that are not
	 * ties, times the number of rules tried (Bonferroni).
	 */
	correctedP: number;
}

/** P(X >= k) for X ~ Binomial(n, 1/2), summed exactly in log space. */
export function binomialTail(k: number, n: number): number {
	if (k <= 0) return 1;
	let logChoose = 0;
	let total = 0;
	for (let i = 0; i <= n; i++) {
		if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
		if (i >= k) total += Math.exp(logChoose - n * Math.LN2);
	}
	return Math.min(1, total);
}

/** Values this close (relative) count as equal: the same dimensions, the same byte count. */
const same = (a: number, b: number) =>
	Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Tries "more X" and "less X" for every feature every pair has, and returns them all, best first
 * (the largest share won, the smaller p among equals), each p corrected for all rules tried.
 */
export function rankRules(pairs: PairFeatures[]): RuleResult[] {
	// A feature on which every pair ties (the sides' dimensions) cannot pick anything: it is not
	// counted among the rules tried.
	const features = Object.keys(pairs[0].synthetic).filter(
		(name) =>
			pairs.every(
				(pair) => Number.isFinite(pair.synthetic[name]) && Number.isFinite(pair.real[name])
			) && pairs.some((pair) => !same(pair.synthetic[name], pair.real[name]))
	);
	const rules = features.length * 2;
	const results: RuleResult[] = [];
	for (const feature of features) {
		for (const direction of ['more', 'less'] as const) {
			let wins = 0;
			let ties = 0;
			for (const { synthetic, real } of pairs) {
				const a = synthetic[feature];
				const b = real[feature];
				if (same(a, b)) ties++;
				else if (direction === 'more' ? a > b : a < b) wins++;
			}
			const share = (wins + ties / 2) / pairs.length;
			const correctedP = Math.min(1, binomialTail(wins, pairs.length - ties) * rules);
			results.push({ feature, direction, wins, ties, share, correctedP });
		}
	}
	return results.sort((a, b) => b.share - a.share || a.correctedP - b.correctedP);
}

/** The rule that wins the largest share of the pairs (the smaller p among equals). */
export function bestRule(pairs: PairFeatures[]): RuleResult {
	const [best] = rankRules(pairs);
	if (!best) throw new Error('no feature tells the two sides of any pair apart');
	return best;
}
