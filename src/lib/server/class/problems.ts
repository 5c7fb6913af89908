/** Sentences for every reason a class session refuses something, in the request's language. */
import { m } from '$lib/paraglide/messages.js';
import { NICKNAME_MAX, NICKNAME_MAX_MARKS, NICKNAME_MIN } from '$lib/game/class/nickname';
import type { JoinProblem } from './joining';
import type { VerdictProblem } from './verdicts';
import type { CommandProblem } from './host-commands';

/** Why a join was refused; `seconds` is how long to wait when the problem is busy. */
export function joinProblemMessage(problem: JoinProblem, seconds = 1): string {
	switch (problem) {
		case 'empty':
			return m.join_problem_empty();
		case 'too-short':
			return m.join_problem_too_short({ min: NICKNAME_MIN });
		case 'too-long':
			return m.join_problem_too_long({ max: NICKNAME_MAX });
		case 'invisible':
			return m.join_problem_invisible();
		case 'marks':
			return m.join_problem_marks({ max: NICKNAME_MAX_MARKS });
		case 'characters':
			return m.join_problem_characters();
		case 'rude':
			return m.join_problem_rude();
		case 'taken':
			return m.join_problem_taken();
		case 'closed':
			return m.join_problem_closed();
		case 'ended':
			return m.join_problem_ended();
		case 'banned':
			return m.join_problem_banned();
		case 'full':
			return m.join_problem_full();
		case 'busy':
			return m.join_problem_busy({ seconds });
		case 'moving':
			return m.class_moving();
	}
}

export function verdictProblemMessage(problem: VerdictProblem, detail?: string): string {
	switch (problem) {
		case 'invalid':
			return m.class_verdict_invalid({ detail: detail ?? '' });
		case 'removed':
			return m.class_verdict_removed();
		case 'banned':
			return m.join_problem_banned();
		case 'not-open':
			return m.class_verdict_not_open();
		case 'wrong-round':
			return m.class_verdict_wrong_round();
		case 'too-late':
			return m.class_verdict_too_late();
		case 'stale':
			return m.class_verdict_stale();
		case 'moving':
			return m.class_moving();
	}
}

export function commandProblemMessage(problem: CommandProblem): string {
	switch (problem) {
		case 'stale':
			return m.host_problem_stale();
		case 'not-now':
			return m.host_problem_not_now();
		case 'no-seat':
			return m.host_problem_no_seat();
		case 'none-left':
			return m.host_problem_none_left();
		case 'moving':
			return m.class_moving();
	}
}

/** HTTP status for a refused join: a name in use or a blocked device conflict, busy waits. */
export function joinStatus(problem: JoinProblem): number {
	if (problem === 'busy') return 429;
	if (problem === 'moving') return 503;
	if (problem === 'taken' || problem === 'banned') return 409;
	return 400;
}

/** HTTP status for a refused host command: moving waits, the others conflict with the state. */
export function commandStatus(problem: CommandProblem): number {
	return problem === 'moving' ? 503 : 409;
}

/** HTTP status for a refused verdict. */
export function verdictStatus(problem: VerdictProblem): number {
	if (problem === 'invalid') return 400;
	if (problem === 'removed' || problem === 'banned') return 403;
	if (problem === 'moving') return 503;
	return 409;
}
