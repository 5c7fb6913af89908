/**
 * A reason the server cannot start that its host fixes: a setting it refuses, a database it
 * cannot reach or read. src/server.js says it in one sentence and stops, without a stack trace
 * (which is for faults in the code). It knows the problem by its name, since the server is not
 * bundled with the app.
 */
export class SettingProblem extends Error {
	override name = 'SettingProblem';
}
