import { publicUrl } from '../config';
import { reachableOrigins } from './addresses';

/**
 * Where a phone in the room (or the teacher's other device) can open this server, best first,
 * for a request that came to `url`: the one place that joins the PUBLIC_URL setting to the rule.
 */
export function phoneOrigins(url: URL): string[] {
	return reachableOrigins({ requestOrigin: url.origin, publicUrl: publicUrl() });
}
