/** Every bound of the datashare service's transactions, in one place. */

/** The longest record schema (JSON Schema text) a dataset may register. */
export const recordSchemaBytesMax = 16 * 1024;
/** Records of one subject an access by subject reference covers at most. */
export const subjectRecordsPerAccessMax = 16;
/** Fields a grant may name. */
export const grantFieldsMax = 64;
/** Accesses' keys one batch key-release request asks for at most (several records of one access count once each). */
export const keyReleaseBatchItemsMax = 256;
