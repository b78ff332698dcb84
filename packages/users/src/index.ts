export { getCurrentUserProfile } from './get-current-user-profile';
export type { User, UserStatus, UserUpdate } from './types';
export { updateCurrentUser } from './update-current-user';
