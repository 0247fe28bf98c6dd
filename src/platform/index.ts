/** What a host may lend the browser-safe code (hashes, inflate, CRC, signature checks), bounded memos, and the shared size limits. */
export * from './host';
export * from './memo';
export * from './limits';
