export * from '../public';
export { createJanua } from './create-janua';
