import { MATRIX_AREAS } from '../helpers/matrix/areas';
import { describeMatrix } from '../helpers/matrix/suite';

// SECURITY.md 1–2: every route of this area, as every role, on records of the own school, the other school and the other service.
describeMatrix('admin', MATRIX_AREAS['admin']);
