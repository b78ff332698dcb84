export { rejectionOf, TEST_PASSWORD as PASSWORD, uniqueEmail } from '@janua/dev-server/testing';
