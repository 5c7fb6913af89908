/** The performance marks and measure that time a verdict tap until the reveal is drawn. */
export const REVEAL_TIMING = {
	tap: 'telltale:verdict-tap',
	drawn: 'telltale:reveal-drawn',
	measure: 'telltale:verdict-to-reveal'
} as const;
