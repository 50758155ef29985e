import { describeHostile } from '../helpers/hostile-world';
import { referralSpecs } from './hostile/referral-specs';

// The referral's sections, in a file of their own so the suite's files take about as long as each other.
describeHostile('hostile input to the referral form’s sections', (world) => referralSpecs(world).filter((spec) => spec.route.includes('/section/')));
