export * from '../public';
export { createNodeTransport } from '../transport/node';
export { createJanua } from './create-janua-node';
