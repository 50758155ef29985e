import { describeHostile } from '../helpers/hostile-world';
import { authSpecs } from './hostile/auth-specs';

describeHostile('hostile input to the public, MFA and account forms', authSpecs);
