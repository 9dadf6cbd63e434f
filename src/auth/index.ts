export {
  authenticateBridge,
  authenticateFeed,
  bridgeKeyFrom,
  isLoopback,
  isOpen,
  maySee,
  secretEquals,
  type BridgeIdentity,
  type Principal,
} from './credentials.js';
