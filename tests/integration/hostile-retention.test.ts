import { describeHostile } from '../helpers/hostile-world';
import { retentionSpecs } from './hostile/retention-specs';

describeHostile('hostile input to the retention forms', retentionSpecs);
