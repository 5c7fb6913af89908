/**
 * Resolves in a later task, so the work after it is a task of its own: input and frames on a
 * slow phone wait for the shorter piece. `scheduler.yield()` resumes ahead of other queued
 * tasks; browsers without it resume after a zero timeout.
 */
export function yieldToMain(): Promise<void> {
	return typeof scheduler !== 'undefined' && 'yield' in scheduler
		? scheduler.yield()
		: new Promise<void>((resume) => setTimeout(resume, 0));
}
