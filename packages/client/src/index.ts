export { type Bound, type BoundAll, bindAll } from './bind';
export { createJanuaClient, type JanuaClient } from './create-janua-client';
