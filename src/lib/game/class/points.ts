/**
 * Points for class sessions. Deliberately transparent: a right answer earns a fixed amount, a
 * run of right answers adds a capped bonus, and nothing else counts. Speed never counts, because
 * rushing is the opposite of looking closely, and the one thing this game teaches is to look.
 */

/** Points for a right answer. */
export const POINTS_RIGHT = 100;
/** Extra points for each right answer in a row before this one. */
export const STREAK_STEP = 50;
/** The largest streak bonus on one answer. */
export const STREAK_CAP = 200;

/** Points for one right answer that extends a streak to `streak` (1 = first right in a row). */
export function pointsForRight(streak: number): number {
	return POINTS_RIGHT + Math.min(STREAK_CAP, STREAK_STEP * Math.max(0, streak - 1));
}

export interface SeatScore {
	/** Rounds answered. */
	answered: number;
	correct: number;
	points: number;
	/** Right answers in a row at the end of `outcomes`. */
	streak: number;
}

/**
 * A seat's score from its outcomes in round order: true right, false wrong, null not answered
 * (which breaks a streak like a wrong answer does).
 */
export function scoreSeat(outcomes: ReadonlyArray<boolean | null>): SeatScore {
	const score: SeatScore = { answered: 0, correct: 0, points: 0, streak: 0 };
	for (const outcome of outcomes) {
		if (outcome !== null) score.answered += 1;
		if (outcome === true) {
			score.correct += 1;
			score.streak += 1;
			score.points += pointsForRight(score.streak);
		} else {
			score.streak = 0;
		}
	}
	return score;
}

export interface Standing {
	id: string;
	points: number;
	correct: number;
}

/**
 * Ranks seats for a leaderboard: by points (or right answers when scoring is accuracy only,
 * where points are not shown), ties sharing a rank ("1, 2, 2, 4").
 */
export function rankSeats<T extends Standing>(
	seats: readonly T[],
	by: 'points' | 'correct'
): Array<T & { rank: number }> {
	const sorted = [...seats].sort((a, b) => b[by] - a[by] || a.id.localeCompare(b.id));
	let rank = 0;
	return sorted.map((seat, index) => {
		if (index === 0 || seat[by] !== sorted[index - 1][by]) rank = index + 1;
		return { ...seat, rank };
	});
}
