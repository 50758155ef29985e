import { describeHostile } from '../helpers/hostile-world';
import { adminSpecs } from './hostile/admin-specs';

describeHostile('hostile input to the provider admin’s forms', adminSpecs);
