// The `@janua/auth/verify` entry: local access-token verification only, so an edge bundle that
// needs it does not pull the rest of the package. Re-exports only.
export {
  type AccessTokenClaims,
  type VerifyAccessTokenErrorCode,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './verify-access-token';
