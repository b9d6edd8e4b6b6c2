/** The incremental writer: append a revision (objects + an xref section of the file's kind) to any PDF. */
export { IncrementalUpdate, type BuiltRevision } from './incremental';
export { ObjectWriter, formatName, formatNumber } from './serialize';
export { appendRevision, copyAndAppend, writeAll, type AtomicFileWriter } from './append';
