import { describeHostile } from '../helpers/hostile-world';
import { sessionSpecs } from './hostile/session-specs';

describeHostile('hostile input to the session forms', sessionSpecs);
