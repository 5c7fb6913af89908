/** What the round screen shows after a verdict, online (from the server) or offline alike. */
import type { Answer, RoundReveal } from '$lib/game/round';

export interface RoundOutcome {
	reveal: RoundReveal;
	answer: Answer;
	confidence: number;
	correct: boolean;
}

/** The performance marks and measure that time a verdict tap until the reveal is drawn. */
export const REVEAL_TIMING = {
	tap: 'telltale:verdict-tap',
	drawn: 'telltale:reveal-drawn',
	measure: 'telltale:verdict-to-reveal'
} as const;
