/** What a host may lend the browser-safe code (hashes, inflate, CRC, signature checks), and bounded memos. */
export * from './host';
export * from './memo';
