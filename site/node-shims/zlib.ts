// Browser stand-in for node:zlib, imported by just-bash's gzip/gunzip/zcat.
// The lab never compresses anything; those commands fail with a clear error.
const unsupported = (): never => {
  throw new Error('gzip is not available in the browser lab');
};
export const gzipSync = unsupported;
export const gunzipSync = unsupported;
export const constants = { Z_BEST_COMPRESSION: 9, Z_BEST_SPEED: 1, Z_DEFAULT_COMPRESSION: -1 };
export default { gzipSync, gunzipSync, constants };
