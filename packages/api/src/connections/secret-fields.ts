// The secret-splitting rule lives in @duplex/db, beside the sealing, so the worker unseals
// connections exactly as the API sealed them.
export {
  dropEmptySecrets,
  isSecretFieldName,
  mergeSecrets,
  type SecretEntry,
  type SecretPath,
  secretLabel,
  secretPathKey,
  splitSecrets,
} from "@duplex/db";
