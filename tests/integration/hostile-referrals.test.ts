import { describeHostile } from '../helpers/hostile-world';
import { referralSpecs } from './hostile/referral-specs';

describeHostile('hostile input to the referral and triage forms', (world) => referralSpecs(world).filter((spec) => !spec.route.includes('/section/')));
