/** The standard normal distribution: its CDF and its inverse (z), for signal detection. */

// Acklam's rational approximation of the inverse normal CDF (relative error < 1.15e-9),
// https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/
const A = [
	-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
	-3.066479806614716e1, 2.506628277459239
];
const B = [
	-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
	-1.328068155288572e1
];
const C = [
	-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
	4.374664141464968, 2.938163982698783
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
function normalDensity(x: number): number {
	return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal CDF for x <= 0, accurate to about 1e-15 relative: Marsaglia's series near the
 * centre (all terms one sign, so no cancellation inside the sum), the Laplace continued fraction
 * in the tail.
 */
function lowerTail(x: number): number {
	if (x > -5) {
		let term = x;
		let sum = x;
		for (let i = 3; Math.abs(term) > 1e-17 * Math.abs(sum); i += 2) {
			term *= (x * x) / i;
			sum += term;
		}
		return 0.5 + normalDensity(x) * sum;
	}
	const z = -x;
	let fraction = z;
	for (let k = 60; k >= 1; k--) fraction = z + k / fraction;
	return normalDensity(z) / fraction;
}

/** The standard normal CDF. */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	return x <= 0 ? lowerTail(x) : 1 - lowerTail(-x);
}

/**
 * The inverse standard normal CDF (probit): Acklam's approximation plus one Halley step against
 * an accurate CDF, good to about 1e-15 over (0, 1). z(0) = -Infinity, z(1) = Infinity.
 */
export function normalQuantile(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	// Solve in the lower half, where p itself carries full precision, and mirror.
	if (p > 0.5) return -normalQuantile(1 - p);
	let x: number;
	if (p < P_LOW) {
		const q = Math.sqrt(-2 * Math.log(p));
		x =
			(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
			((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	} else {
		const q = p - 0.5;
		const r = q * q;
		x =
			((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
			(((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
	}
	const error = lowerTail(x) - p;
	const u = error * SQRT_2PI * Math.exp(0.5 * x * x);
	return x - u / (1 + 0.5 * x * u);
}
