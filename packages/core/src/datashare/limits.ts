/** Every bound of the datashare service's transactions, in one place. */

/** The longest record schema (JSON Schema text) a dataset may register. */
export const recordSchemaBytesMax = 16 * 1024;
/**
 * Records of one subject in one dataset that an access by subject reference covers: all of them,
 * as long as there are at most this many; beyond it the access is refused
 * (DATASHARE_SUBJECT_RECORDS_TOO_MANY) and the records are read one by one. It bounds the state an
 * access reads and the record ids its access record keeps (about 12 KiB at most).
 */
export const subjectRecordsPerAccessMax = 128;
/** Fields a grant may name. */
export const grantFieldsMax = 64;
/** Accesses' keys one batch key-release request asks for at most (several records of one access count once each). */
export const keyReleaseBatchItemsMax = 256;
/** Records one compute request reads at most: they travel as the model's arguments, within the sandbox's argument bounds. */
export const computeRecordsMax = 256;
