import { describeHostile } from '../helpers/hostile-world';
import { caseSpecs } from './hostile/case-specs';

describeHostile('hostile input to the case-work forms', caseSpecs);
