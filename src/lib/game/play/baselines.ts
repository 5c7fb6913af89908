/**
 * Published human baselines, for the results page to set a player's score beside. Only numbers
 * stated in the papers themselves (abstract or results) are given; a finding without a single
 * comparable number has `value: null`.
 */
import type { MediaKind } from '../pack/taxonomy';

/**
 * What a baseline's value measures:
 * - `accuracy`: share of all judgements that were right (real and synthetic items together);
 * - `synthetic-detected`: share of synthetic items called synthetic (the hit rate, as in `sdt`);
 * - `overconfidence`: a finding about confidence against accuracy, without one number.
 */
export type BaselineMeasure = 'accuracy' | 'synthetic-detected' | 'overconfidence';

export interface Baseline {
	/** Stable id, also the key for translated labels on the results page. */
	id: string;
	kind: MediaKind;
	/** What participants did: judge single items, pick the fake of a pair, or both. */
	task: 'single' | 'pairs' | 'mixed';
	condition: 'untrained' | 'feedback' | 'trained';
	measure: BaselineMeasure;
	/** A proportion (0..1), or null for a finding without one number. */
	value: number | null;
	participants: number | null;
	/** What was measured, in one English sentence. */
	finding: string;
	citation: string;
	doi: string;
}

const NIGHTINGALE_FARID =
	'Nightingale, S. J., & Farid, H. (2022). AI-synthesized faces are indistinguishable from real faces and more trustworthy. Proceedings of the National Academy of Sciences, 119(8), e2120481119.';
const MAI =
	'Mai, K. T., Bray, S., Davies, T., & Griffin, L. D. (2023). Warning: Humans cannot reliably detect speech deepfakes. PLOS ONE, 18(8), e0285333.';
const KOBIS =
	'Köbis, N. C., Doležalová, B., & Soraperra, I. (2021). Fooled twice: People cannot detect deepfakes but think they can. iScience, 24(11), 103364.';
const GRAY =
	"Gray, K. L. H., Davis, J. P., Bunce, C., Noyes, E., & Ritchie, K. L. (2025). Training human super-recognisers' detection and discrimination of AI-generated faces. Royal Society Open Science, 12(11), 250921.";

export const BASELINES: readonly Baseline[] = [
	{
		id: 'faces_untrained',
		kind: 'image',
		task: 'single',
		condition: 'untrained',
		measure: 'accuracy',
		value: 0.482,
		participants: 315,
		finding:
			'StyleGAN2 faces and real faces classified one at a time as real or synthetic, no training.',
		citation: NIGHTINGALE_FARID,
		doi: '10.1073/pnas.2120481119'
	},
	{
		id: 'faces_feedback',
		kind: 'image',
		task: 'single',
		condition: 'feedback',
		measure: 'accuracy',
		value: 0.59,
		participants: 219,
		finding: 'The same task after a short training, with feedback after every face.',
		citation: NIGHTINGALE_FARID,
		doi: '10.1073/pnas.2120481119'
	},
	{
		id: 'faces_typical_untrained',
		kind: 'image',
		task: 'single',
		condition: 'untrained',
		measure: 'synthetic-detected',
		value: 0.31,
		participants: null,
		finding:
			'Share of StyleGAN3 faces that typical-ability participants called synthetic, no training.',
		citation: GRAY,
		doi: '10.1098/rsos.250921'
	},
	{
		id: 'faces_typical_trained',
		kind: 'image',
		task: 'single',
		condition: 'trained',
		measure: 'synthetic-detected',
		value: 0.51,
		participants: null,
		finding:
			'The same after about five minutes of training on rendering artifacts (hair, teeth, skin).',
		citation: GRAY,
		doi: '10.1098/rsos.250921'
	},
	{
		id: 'speech_untrained',
		kind: 'audio',
		task: 'mixed',
		condition: 'untrained',
		measure: 'accuracy',
		value: 0.73,
		participants: 529,
		finding:
			'Speech deepfakes correctly spotted, English and Mandarin, over single clips and same-sentence pairs.',
		citation: MAI,
		doi: '10.1371/journal.pone.0285333'
	},
	{
		id: 'video_overconfidence',
		kind: 'video',
		task: 'single',
		condition: 'untrained',
		measure: 'overconfidence',
		value: null,
		participants: 210,
		finding:
			'People could not reliably detect deepfake videos, leaned towards calling them authentic, and overestimated their own detection ability.',
		citation: KOBIS,
		doi: '10.1016/j.isci.2021.103364'
	}
];

/** The baselines for one media kind, in the order above. */
export function baselinesFor(kind: MediaKind): Baseline[] {
	return BASELINES.filter((baseline) => baseline.kind === kind);
}

/** https://doi.org/<doi>, for a citation link. */
export function doiUrl(doi: string): string {
	return `https://doi.org/${doi}`;
}
